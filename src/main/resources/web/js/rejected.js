// The rejected-messages table: reason, detail and a text-only preview of each payload, filtered by
// reason and by the day received (UTC days, both ends inclusive).
import {api} from './api.js';
import {clear, el, formatNumber, nextDay, timeEl} from './dom.js';

const PAGE_SIZE = 50;

export class RejectedTable {
  constructor({rows, more, message, refresh, reason}) {
    this.rows = rows;
    this.more = more;
    this.message = message;
    this.reason = reason;
    this.next = null;
    this.loading = false;
    this.filters = {};
    this.generation = 0;
    this.reasonsLoaded = false;
    more.addEventListener('click', () => this.loadMore());
    refresh.addEventListener('click', () => this.load(null, true));
  }

  /** The reason codes the service can filter by, into the select (once; the list is fixed by the service). */
  async loadReasons(selected) {
    if (!this.reasonsLoaded) {
      try {
        const {body} = await api.rejectedReasons();
        for (const code of body.reasons || []) this.reason.append(el('option', {value: code, text: code}));
        this.reasonsLoaded = true;
      } catch (e) {
        this.message.textContent = `Could not load the reasons: ${e.message}`;
      }
    }
    this.reason.value = selected || '';
    if (this.reason.value !== (selected || '')) this.reason.value = '';
  }

  /** Lists the first page for {reason, from, to} (from and to are inclusive yyyy-mm-dd days). */
  async show({reason, from, to}) {
    this.filters = {reason, from, to: to ? nextDay(to) : ''};
    this.generation++;
    this.loading = false;
    await this.load(null, true);
  }

  async loadMore() {
    if (this.next !== null) await this.load(this.next, false);
  }

  /** One load at a time: a second click while a page is on its way would append it twice. */
  async load(before, replace) {
    if (this.loading) return;
    this.loading = true;
    const generation = this.generation;
    this.more.setAttribute('aria-disabled', 'true'); // not disabled: that would drop the keyboard's focus
    this.message.textContent = 'Loading…';
    try {
      const {body} = await api.rejected(PAGE_SIZE, before, this.filters);
      if (generation !== this.generation) return;
      if (replace) clear(this.rows);
      for (const r of body.items || []) this.rows.append(row(r));
      this.next = body.next ?? null;
      const hadFocus = document.activeElement === this.more;
      this.more.hidden = this.next === null;
      // "Load more" gone from under the keyboard's focus: the focus goes to the table, which scrolls.
      if (hadFocus && this.more.hidden) this.rows.closest('[tabindex]')?.focus();
      const filtered = Object.values(this.filters).some(Boolean);
      this.message.textContent = this.rows.children.length > 0 ? ''
        : filtered ? 'No rejected messages match these filters.' : 'No rejected messages.';
    } catch (e) {
      if (generation !== this.generation) return;
      if (replace) clear(this.rows);
      this.more.hidden = true;
      this.message.textContent = `Could not load rejected messages: ${e.message}`;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.more.removeAttribute('aria-disabled');
      }
    }
  }
}

function row(r) {
  const preview = el('td', {class: 'preview', 'data-label': 'Payload preview'}, el('div', {},
    el('code', {text: r.preview ?? ''}),
    r.preview_truncated ? el('span', {class: 'text-body-secondary', text: ' …'}) : null,
    r.payload_is_utf8 ? null : el('span', {class: 'badge text-bg-secondary ms-1', text: 'not UTF-8'})));
  // data-label: the column's name, shown beside each cell when a phone stacks the row (app.css).
  return el('tr', {'data-testid': 'rejected-row'},
    el('td', {class: 'text-nowrap small', 'data-label': 'Received'}, timeEl(r.received_at)),
    el('td', {'data-label': 'Reason'}, el('span', {class: 'badge text-bg-danger', text: r.reason ?? ''})),
    el('td', {class: 'mono small', 'data-label': 'Order id', text: r.order_uid ?? '—'}),
    el('td', {class: 'small', 'data-label': 'Detail', text: r.detail ?? ''}),
    preview,
    el('td', {class: 'num small', 'data-label': 'Bytes', text: formatNumber(r.payload_bytes)}));
}
