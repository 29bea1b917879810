// The rejected-messages table: reason, detail and a text-only preview of each payload.
import {api} from './api.js';
import {clear, el, formatDate, formatNumber} from './dom.js';

const PAGE_SIZE = 50;

export class RejectedTable {
  constructor({rows, more, message, refresh}) {
    this.rows = rows;
    this.more = more;
    this.message = message;
    this.next = null;
    this.loading = false;
    more.addEventListener('click', () => this.loadMore());
    refresh.addEventListener('click', () => this.load(null, true));
  }

  async loadMore() {
    if (this.next !== null) await this.load(this.next, false);
  }

  /** One load at a time: a second click while a page is on its way would append it twice. */
  async load(before, replace) {
    if (this.loading) return;
    this.loading = true;
    this.more.disabled = true;
    this.message.textContent = 'Loading…';
    try {
      const {body} = await api.rejected(PAGE_SIZE, before);
      if (replace) clear(this.rows);
      for (const r of body.items || []) this.rows.append(row(r));
      this.next = body.next ?? null;
      this.more.hidden = this.next === null;
      this.message.textContent = this.rows.children.length === 0 ? 'No rejected messages.' : '';
    } catch (e) {
      this.message.textContent = `Could not load rejected messages: ${e.message}`;
    } finally {
      this.loading = false;
      this.more.disabled = false;
    }
  }
}

function row(r) {
  const preview = el('td', {class: 'preview'},
    el('code', {text: r.preview ?? ''}),
    r.preview_truncated ? el('span', {class: 'text-body-secondary', text: ' …'}) : null,
    r.payload_is_utf8 ? null : el('span', {class: 'badge text-bg-secondary ms-1', text: 'not UTF-8'}));
  return el('tr', {'data-testid': 'rejected-row'},
    el('td', {class: 'text-nowrap small'}, el('time', {datetime: r.received_at, text: formatDate(r.received_at)})),
    el('td', {}, el('span', {class: 'badge text-bg-danger', text: r.reason ?? ''})),
    el('td', {class: 'mono small', text: r.order_uid ?? '—'}),
    el('td', {class: 'small', text: r.detail ?? ''}),
    preview,
    el('td', {class: 'num small', text: formatNumber(r.payload_bytes)}));
}
