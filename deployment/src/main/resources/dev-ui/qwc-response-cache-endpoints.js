import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { endpoints } from 'build-time-data';
import '@vaadin/grid';
import '@vaadin/text-field';
import '@vaadin/button';
import '@vaadin/horizontal-layout';
import '@vaadin/icon';
import { columnBodyRenderer, gridRowDetailsRenderer } from '@vaadin/grid/lit.js';

/**
 * Where responses are stored, the cached endpoints the build found with their live counts and hit ratio (refreshed
 * every 2 s; an endpoint's settings open under its row), and the operator's evictions: by URL path, key, tag,
 * namespace, everything; and clearing this instance's near cache, when it has one.
 */
export class QwcResponseCacheEndpoints extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .store { padding: 0.5em 1em 0; }
        .store .hosts { color: var(--lumo-secondary-text-color); }
        .actions { padding: 0.5em 1em; gap: 0.5em; align-items: baseline; flex-wrap: wrap; }
        .result { padding: 0 1em; color: var(--lumo-secondary-text-color); }
        .name { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-s); }
        .path { overflow-wrap: anywhere; white-space: normal; }
        .details { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; padding: 0.5em 1em; }
        .details dt { color: var(--lumo-secondary-text-color); }
        .details dd { margin: 0; overflow-wrap: anywhere; }
        vaadin-grid { height: 100%; }
        vaadin-grid vaadin-icon { width: var(--lumo-icon-size-s); height: var(--lumo-icon-size-s); }
    `;

    static properties = {
        _rows: { state: true },
        _target: { state: true },
        _result: { state: true },
        _store: { state: true },
        _opened: { state: true },
    };

    constructor() {
        super();
        this._rows = endpoints;
        this._target = '';
        this._result = '';
        this._store = null;
        this._opened = [];
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getStore().then(response => this._store = response.result);
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
            // rows are new objects: keep open the details of the endpoints that were open
            const open = new Set(this._opened.map(row => row.name));
            this._opened = this._rows.filter(row => open.has(row.name));
        });
    }

    // offered only when some endpoint could have such entries: tags include the entity tags of tracked endpoints
    static _namespaces = endpoints.some(endpoint => endpoint.namespace);
    static _tags = endpoints.some(endpoint => endpoint.tags);

    _evict(method, label) {
        const call = method === 'evictAll' || method === 'clearNearCache'
            ? this.jsonRpc[method]()
            : this.jsonRpc[method]({ [label]: this._target });
        call.then(response => {
            const result = response.result;
            this._result = result.error ? result.error
                : result.evicted !== undefined ? `${result.evicted} ${result.evicted === 1 ? 'entry' : 'entries'} evicted`
                : result.message || `near cache cleared (${result.entries} entries)`;
            this._refresh();
        });
    }

    _toggle(row) {
        const open = this._opened.some(opened => opened.name === row.name);
        this._opened = open ? this._opened.filter(opened => opened.name !== row.name) : [...this._opened, row];
    }

    _renderStore() {
        const store = this._store;
        if (!store) {
            return html`<div class="store">Responses are stored …</div>`;
        }
        if (store.store !== 'redis') {
            return html`<div class="store">Responses are stored <b>${store.label}</b>.</div>`;
        }
        const hosts = (store.hosts || []).join(', ') || 'no hosts configured';
        return html`<div class="store">Responses are stored <b>in Redis</b>
            <span class="hosts">(${store.client === 'default' ? 'the default client' : `client ${store.client}`}:
            ${hosts}${store.cluster ? ', a cluster' : ''})</span>, near cache ${store.nearCache ? 'on' : 'off'}.</div>`;
    }

    _renderDetails(row) {
        return html`<dl class="details">
            <dt>Name</dt><dd>${row.name}</dd>
            <dt>Namespace</dt><dd>${row.namespace || '-'}</dd>
            <dt>Stale-while-revalidate</dt><dd>${row.staleWhileRevalidate}</dd>
            <dt>Stale-if-error</dt><dd>${row.staleIfError}</dd>
            <dt>Key</dt><dd>${row.key}</dd>
            <dt>Tags</dt><dd>${row.tags || '-'}</dd>
            <dt>Entity tags of the last entry</dt><dd>${row.entityTags || '-'}</dd>
            <dt>Stale hits, coalesced</dt><dd>${row.stale ?? 0}, ${row.coalesced ?? 0}</dd>
        </dl>`;
    }

    render() {
        return html`
            ${this._renderStore()}
            <vaadin-horizontal-layout class="actions">
                <vaadin-text-field placeholder="/products/42, a key, a tag or a namespace" .value=${this._target}
                    @value-changed=${e => this._target = e.detail.value} style="min-width: 20em"></vaadin-text-field>
                <vaadin-button @click=${() => this._evict('evictUrl', 'url')}>Evict URL</vaadin-button>
                <vaadin-button @click=${() => this._evict('evictKey', 'key')}>Evict key</vaadin-button>
                ${QwcResponseCacheEndpoints._tags
                    ? html`<vaadin-button @click=${() => this._evict('evictTag', 'tag')}>Evict tag</vaadin-button>` : ''}
                ${QwcResponseCacheEndpoints._namespaces
                    ? html`<vaadin-button @click=${() => this._evict('evictNamespace', 'namespace')}>Evict namespace</vaadin-button>`
                    : ''}
                <vaadin-button theme="error" @click=${() => this._evict('evictAll')}>Evict everything</vaadin-button>
                ${this._store && this._store.nearCache
                    ? html`<vaadin-button @click=${() => this._evict('clearNearCache')}>Clear near cache</vaadin-button>`
                    : ''}
            </vaadin-horizontal-layout>
            <div class="result">${this._result}</div>
            <!-- widths in rem: header cells use a smaller font, so widths in em would not line up with the rows -->
            <vaadin-grid .items=${this._rows} .detailsOpenedItems=${this._opened} theme="row-stripes" all-rows-visible
                ${gridRowDetailsRenderer(row => this._renderDetails(row), [])}>
                <vaadin-grid-column width="4.5rem" flex-grow="0" ${columnBodyRenderer(row => html`
                    <vaadin-button theme="tertiary small icon" aria-label="settings of ${row.name}"
                        @click=${() => this._toggle(row)}><vaadin-icon icon=${this._opened.some(opened =>
                            opened.name === row.name) ? 'font-awesome-solid:chevron-down' : 'font-awesome-solid:chevron-right'}>
                        </vaadin-icon></vaadin-button>`, [this._opened])}></vaadin-grid-column>
                <vaadin-grid-column header="Endpoint" flex-grow="1" ${columnBodyRenderer(row => html`
                    <div class="path">${row.method} ${row.path}</div><div class="name">${row.name}</div>`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-column header="Expire" path="expire" width="6rem" flex-grow="0"></vaadin-grid-column>
                <vaadin-grid-column header="Hits" path="hit" width="5.5rem" flex-grow="0"></vaadin-grid-column>
                <vaadin-grid-column header="Misses" path="miss" width="5.5rem" flex-grow="0"></vaadin-grid-column>
                <vaadin-grid-column header="Bypasses" path="bypass" width="7rem" flex-grow="0"></vaadin-grid-column>
                <vaadin-grid-column header="Hit ratio" width="6rem" flex-grow="0" ${columnBodyRenderer(row => {
                    const ratio = row.hitRatio;
                    return html`${ratio === null || ratio === undefined ? '-' : `${Math.round(ratio * 100)} %`}`;
                }, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-response-cache-endpoints', QwcResponseCacheEndpoints);
