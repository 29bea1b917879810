// The search: what the box's text is taken for (query.js), the filters, the results list with
// paging, and the CSV export of the same search.
import {api, getFile} from './api.js';
import {el, nextDay} from './dom.js';
import {interpretations, KINDS} from './query.js';

/** Which form field a refused query parameter came from. */
const FIELD_OF = {track_number: 'q', email: 'q', phone: 'q', customer_id: 'customer', from: 'from', to: 'to'};

export class Search {
  /**
   * fields: {q, customer, from, to} inputs; results: a RecentList for the rows; nodes: {card, summary,
   * note, exportLink, exportMsg, error}.
   */
  constructor({fields, results, nodes}) {
    this.fields = fields;
    this.results = results;
    this.nodes = nodes;
    this.generation = 0;
    nodes.exportLink.addEventListener('click', (event) => {
      event.preventDefault();
      this.export();
    });
  }

  /** Puts a search's values into the form (from the URL). */
  fill(search) {
    for (const [name, input] of Object.entries(this.fields)) input.value = search[name] || '';
  }

  /**
   * Runs a search: {order} when the text was an order's id (the caller opens it), {failedId, error}
   * when looking that id up failed for another reason than "no such order" (the caller shows the
   * order view's error state), else {} once the first page of results is listed.
   */
  async run(search) {
    const generation = ++this.generation;
    this.resetErrors();
    const n = this.nodes;
    n.card.hidden = false;
    n.exportLink.hidden = true;
    n.exportMsg.textContent = '';
    n.note.textContent = '';
    const base = {customer_id: search.customer, from: search.from, to: search.to ? nextDay(search.to) : ''};
    const withFilters = Boolean(search.customer || search.from || search.to);
    const kinds = search.q ? interpretations(search.q, {withFilters}) : [null];
    const missed = [];
    for (const [index, kind] of kinds.entries()) {
      const last = index === kinds.length - 1;
      if (kind === 'order_uid') {
        const found = await this.byId(search.q, generation);
        if (generation !== this.generation) return {};
        if (found?.error) return {failedId: search.q, error: found.error};
        if (found) return {order: found};
        missed.push(kind);
        continue;
      }
      const filters = kind ? {...base, [kind]: search.q} : base;
      n.summary.textContent = describe(search, kind);
      await this.results.replaceSource((limit, before) => api.orders(limit, before, filters),
        'No orders match this search.');
      if (generation !== this.generation) return {};
      if (this.failed) return {};
      if (this.results.shown.size > 0 || last) {
        n.note.textContent = missed.length
          ? `Searched as ${KINDS[kind]}: nothing matched “${search.q}” as ${missed.map((k) => KINDS[k]).join(' or ')}.`
          : kind ? `Searched as ${KINDS[kind]}.` : '';
        n.exportLink.href = api.ordersCsvUrl(filters);
        n.exportLink.hidden = this.results.shown.size === 0;
        return {};
      }
      missed.push(kind);
    }
    return {};
  }

  /** The order with this id, null when there is none, {error} when the look-up failed otherwise (not allowed, down). */
  async byId(id, generation) {
    const n = this.nodes;
    n.summary.textContent = `Order id “${id}”`;
    this.results.clear();
    this.results.message.textContent = 'Looking up…';
    try {
      const {body} = await api.order(id);
      if (generation !== this.generation) return null;
      const p = body.payment || {};
      this.results.message.textContent = '';
      this.results.append({order_uid: body.order_uid, amount: p.amount, currency: p.currency,
        customer_id: body.customer_id, delivery_service: body.delivery_service,
        item_count: Array.isArray(body.items) ? body.items.length : 0, date_created: body.date_created});
      n.note.textContent = 'Searched as order id.';
      return body;
    } catch (e) {
      if (generation !== this.generation) return null;
      this.results.message.textContent = '';
      if (e.status === 404 || e.status === 400) return null;
      this.results.clear();
      return {error: e};
    }
  }

  /** For the results list: the message of a failed page, the refused field marked. */
  describeError(e) {
    this.failed = true;
    if (e.status === 400 && e.parameter && FIELD_OF[e.parameter]) {
      const input = this.fields[FIELD_OF[e.parameter]];
      input.setAttribute('aria-invalid', 'true');
      // The message is read with the field (aria-errormessage alone is not announced by every reader).
      input.dataset.describedby = input.getAttribute('aria-describedby') || '';
      input.setAttribute('aria-describedby', `${input.dataset.describedby} ${this.results.message.id}`.trim());
      return `The service refused the search: ${e.detail || e.message}`;
    }
    if (e.status === 403) return `Not allowed: ${e.detail || 'your token does not allow searching orders.'}`;
    return `Could not search: ${e.message}`;
  }

  resetErrors() {
    this.failed = false;
    for (const input of Object.values(this.fields)) {
      if (input.getAttribute('aria-invalid') !== 'true') continue;
      input.removeAttribute('aria-invalid');
      if (input.dataset.describedby) input.setAttribute('aria-describedby', input.dataset.describedby);
      else input.removeAttribute('aria-describedby');
      delete input.dataset.describedby;
    }
  }

  hide() {
    this.generation++;
    this.nodes.card.hidden = true;
    this.results.clear();
  }

  /** Downloads the current search as orders.csv, and says when the service cut it short (X-Truncated). */
  async export() {
    const {exportLink, exportMsg} = this.nodes;
    exportMsg.textContent = 'Preparing the CSV…';
    delete exportMsg.dataset.truncated;
    try {
      const {blob, response} = await getFile(exportLink.getAttribute('href'));
      const truncated = response.headers.get('X-Truncated') === 'true';
      const url = URL.createObjectURL(blob);
      const link = el('a', {href: url, download: 'orders.csv', hidden: true});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      exportMsg.dataset.truncated = String(truncated);
      exportMsg.textContent = truncated
        ? 'Downloaded orders.csv with the newest 10,000 orders only: this search has more. Narrow it (e.g. a date range) to export the rest.'
        : 'Downloaded orders.csv with every order of this search.';
    } catch (e) {
      exportMsg.textContent = `Could not export: ${e.message}`;
    }
  }
}

/** The search in words, e.g. Orders with track number “X”, customer “c”, created 2026-12-01 to 2026-12-02 (UTC). */
function describe(search, kind) {
  const parts = [];
  if (kind) parts.push(`${KINDS[kind]} “${search.q}”`);
  if (search.customer) parts.push(`customer “${search.customer}”`);
  if (search.from && search.to) parts.push(`created ${search.from} to ${search.to} (UTC days)`);
  else if (search.from) parts.push(`created on or after ${search.from} (UTC)`);
  else if (search.to) parts.push(`created on or before ${search.to} (UTC)`);
  return parts.length ? 'Orders with ' + parts.join(', ') : 'All orders';
}
