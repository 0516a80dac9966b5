import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { endpoints } from 'build-time-data';
import '@vaadin/grid';
import '@vaadin/text-field';
import '@vaadin/button';
import '@vaadin/horizontal-layout';

/**
 * The cached endpoints the build found, their live counts and hit ratio (refreshed every 2 s), and the operator's
 * evictions: by URL path, key, tag, namespace, everything; and clearing this instance's near cache.
 */
export class QwcResponseCacheEndpoints extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .actions { padding: 0.5em 1em; gap: 0.5em; align-items: baseline; flex-wrap: wrap; }
        .result { padding: 0 1em; color: var(--lumo-secondary-text-color); }
        vaadin-grid { height: 100%; }
    `;

    static properties = {
        _rows: { state: true },
        _target: { state: true },
        _result: { state: true },
    };

    constructor() {
        super();
        this._rows = endpoints;
        this._target = '';
        this._result = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getCounts().then(response => {
            const byName = new Map(response.result.map(row => [row.name, row]));
            this._rows = endpoints.map(endpoint => ({ ...endpoint, ...(byName.get(endpoint.name) || {}) }));
        });
    }

    _evict(method, label) {
        const call = method === 'evictAll' || method === 'clearNearCache'
            ? this.jsonRpc[method]()
            : this.jsonRpc[method]({ [label]: this._target });
        call.then(response => {
            const result = response.result;
            this._result = result.error ? result.error
                : result.evicted !== undefined ? `${result.evicted} entries evicted`
                : result.message || `near cache cleared (${result.entries} entries)`;
            this._refresh();
        });
    }

    render() {
        return html`
            <vaadin-horizontal-layout class="actions">
                <vaadin-text-field placeholder="/products/42, a key, a tag or a namespace" .value=${this._target}
                    @value-changed=${e => this._target = e.detail.value} style="min-width: 22em"></vaadin-text-field>
                <vaadin-button @click=${() => this._evict('evictUrl', 'url')}>Evict URL</vaadin-button>
                <vaadin-button @click=${() => this._evict('evictKey', 'key')}>Evict key</vaadin-button>
                <vaadin-button @click=${() => this._evict('evictTag', 'tag')}>Evict tag</vaadin-button>
                <vaadin-button @click=${() => this._evict('evictNamespace', 'namespace')}>Evict namespace</vaadin-button>
                <vaadin-button theme="error" @click=${() => this._evict('evictAll')}>Evict everything</vaadin-button>
                <vaadin-button @click=${() => this._evict('clearNearCache')}>Clear near cache</vaadin-button>
            </vaadin-horizontal-layout>
            <div class="result">${this._result}</div>
            <vaadin-grid .items=${this._rows} theme="row-stripes" all-rows-visible>
                <vaadin-grid-column auto-width header="Method" path="method"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Path" path="path"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Name" path="name"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Expire" path="expire"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Stale-while-revalidate" path="staleWhileRevalidate"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Stale-if-error" path="staleIfError"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Key" path="key"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Tags" path="tags"></vaadin-grid-column>
                <vaadin-grid-column width="16em" resizable header="Entity tags of the last entry" path="entityTags"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Hits" path="hit"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Stale" path="stale"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Coalesced" path="coalesced"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Misses" path="miss"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Bypasses" path="bypass"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Hit ratio" .renderer=${(root, column, model) => {
                    const ratio = model.item.hitRatio;
                    root.textContent = ratio === null || ratio === undefined ? '-' : `${Math.round(ratio * 100)} %`;
                }}></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-response-cache-endpoints', QwcResponseCacheEndpoints);
