import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/text-field';
import '@vaadin/text-area';
import '@vaadin/button';
import '@vaadin/horizontal-layout';
import '@vaadin/vertical-layout';

/**
 * Explain: what a request for a URL would get from the cache, and why. The endpoint it matches, the key's inputs and
 * the key, the entry under it, and the outcome with its Cache-Status detail, as the operator endpoint
 * response-cache/explain answers it. Nothing runs but a store lookup.
 */
export class QwcResponseCacheExplain extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .form { padding: 0.5em 1em; gap: 0.5em; }
        .summary { padding: 0 1em; font-weight: bold; }
        pre { padding: 0 1em; white-space: pre-wrap; }
    `;

    static properties = {
        _url: { state: true },
        _headers: { state: true },
        _principal: { state: true },
        _answer: { state: true },
    };

    constructor() {
        super();
        this._url = '';
        this._headers = '';
        this._principal = '';
        this._answer = null;
    }

    _explain() {
        this.jsonRpc.explain({ url: this._url, headers: this._headers, principal: this._principal })
            .then(response => this._answer = response.result);
    }

    _summary(answer) {
        if (answer.error) {
            return answer.error;
        }
        const why = answer.bypass || (answer.detail ? `detail=${answer.detail}` : 'fresh entry');
        return `${answer.outcome} (${why}): ${answer.endpoint.name}, GET ${answer.endpoint.path}`;
    }

    render() {
        return html`
            <vaadin-vertical-layout class="form">
                <vaadin-horizontal-layout style="gap: 0.5em; align-items: baseline; flex-wrap: wrap">
                    <vaadin-text-field label="URL" placeholder="/products/42?lang=en" .value=${this._url}
                        @value-changed=${e => this._url = e.detail.value} @keydown=${e => e.key === 'Enter' && this._explain()}
                        style="min-width: 24em"></vaadin-text-field>
                    <vaadin-text-field label="Principal (optional)" .value=${this._principal}
                        @value-changed=${e => this._principal = e.detail.value}></vaadin-text-field>
                    <vaadin-button theme="primary" @click=${() => this._explain()}>Explain</vaadin-button>
                </vaadin-horizontal-layout>
                <vaadin-text-area label="Headers, one 'Name: value' per line" .value=${this._headers}
                    @value-changed=${e => this._headers = e.detail.value} style="width: 40em"></vaadin-text-area>
            </vaadin-vertical-layout>
            ${this._answer ? html`
                <div class="summary">${this._summary(this._answer)}</div>
                <pre>${JSON.stringify(this._answer, null, 2)}</pre>` : ''}`;
    }
}
customElements.define('qwc-response-cache-explain', QwcResponseCacheExplain);
