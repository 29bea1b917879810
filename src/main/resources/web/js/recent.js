// A newest-first list of order summaries with cursor paging ("Load more"): the recent orders (live
// arrivals prepended) and, with another source, a search's results.
import {api} from './api.js';
import {clear, el, formatMoney, orderHref, timeEl} from './dom.js';

export const PAGE_SIZE = 20;
/** Live arrivals beyond this many rows push the oldest rows out, so a long-open page stays light. */
const MAX_ROWS = 500;

export class RecentList {
  /**
   * source(limit, before) fetches a page (default: the newest orders); onError(e) describes a failed
   * page for the message line; empty is the message when there is nothing to list.
   */
  constructor({list, more, message, source = (limit, before) => api.orders(limit, before),
    onError = (e) => `Could not load orders: ${e.message}`, empty = 'No orders yet.', onLoaded = () => {}}) {
    this.list = list;
    this.more = more;
    this.message = message;
    this.source = source;
    this.onError = onError;
    this.empty = empty;
    this.onLoaded = onLoaded;
    this.generation = 0;
    this.rowTestId = list.dataset.rowTestid || 'recent-row';
    this.next = null;
    this.shown = new Set();
    this.current = null;
    this.loading = false;
    more.addEventListener('click', () => this.loadMore());
  }

  async reload() {
    await this.load(null, true);
  }

  async loadMore() {
    if (this.next !== null) await this.load(this.next, false);
  }

  /** Empties the list and lists the first page of another source (a new search). */
  async replaceSource(source, empty) {
    this.source = source;
    this.empty = empty ?? this.empty;
    this.clear();
    await this.load(null, true);
  }

  /** One load at a time: a second click while a page is on its way would append it twice. */
  async load(before, replace) {
    if (this.loading) return;
    this.loading = true;
    const generation = this.generation;
    this.more.setAttribute('aria-disabled', 'true'); // not disabled: that would drop the keyboard's focus
    this.message.textContent = 'Loading…';
    try {
      const {body} = await this.source(PAGE_SIZE, before);
      if (generation !== this.generation) return;
      if (replace) {
        clear(this.list);
        this.shown.clear();
      }
      const firstNew = this.list.children.length;
      for (const summary of body.items || []) this.append(summary);
      this.next = body.next ?? null;
      const hadFocus = document.activeElement === this.more;
      this.more.hidden = this.next === null;
      // "Load more" gone from under the keyboard's focus: the focus goes on to the first row it loaded.
      if (hadFocus && this.more.hidden) this.list.children[firstNew]?.firstElementChild.focus();
      this.message.textContent = this.shown.size === 0 ? this.empty : '';
      this.onLoaded({count: this.shown.size, more: this.next !== null, error: null});
    } catch (e) {
      if (generation !== this.generation) return;
      this.message.textContent = this.onError(e);
      this.onLoaded({count: this.shown.size, more: false, error: e});
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.more.removeAttribute('aria-disabled');
      }
    }
  }

  /** Puts the keyboard focus on an order's row, if it is listed; true when it was. */
  focusRow(id) {
    for (const row of this.list.children) {
      if (row.dataset.orderUid === id) {
        row.firstElementChild.focus();
        return true;
      }
    }
    return false;
  }

  clear() {
    this.generation++;
    this.loading = false;
    clear(this.list);
    this.shown.clear();
    this.next = null;
    this.more.hidden = true;
    this.message.textContent = '';
  }

  append(summary) {
    if (this.shown.has(summary.order_uid)) return;
    this.shown.add(summary.order_uid);
    this.list.append(this.row(summary, false));
  }

  /** Newest first, as the live feed sends them. */
  prepend(summaries) {
    const fresh = summaries.filter((s) => !this.shown.has(s.order_uid));
    for (let i = fresh.length - 1; i >= 0; i--) {
      this.shown.add(fresh[i].order_uid);
      this.list.prepend(this.row(fresh[i], true));
    }
    while (this.list.children.length > MAX_ROWS) {
      const last = this.list.lastElementChild;
      this.shown.delete(last.dataset.orderUid);
      last.remove();
      this.next = null;
      this.more.hidden = true;
    }
    if (fresh.length) this.message.textContent = '';
  }

  select(id) {
    this.current = id;
    for (const row of this.list.children) {
      const link = row.firstElementChild;
      const active = row.dataset.orderUid === id;
      link.classList.toggle('active', active);
      if (active) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  }

  row(s, isNew) {
    const active = s.order_uid === this.current;
    const link = el('a', {href: orderHref(s.order_uid), 'aria-current': active ? 'true' : null,
      class: `list-group-item list-group-item-action${active ? ' active' : ''}${isNew ? ' is-new' : ''}`},
      el('span', {class: 'order-id', text: s.order_uid}),
      el('span', {class: 'num small', text: formatMoney(s.amount, s.currency)}),
      el('span', {class: 'meta'}, `${s.customer_id} · ${s.delivery_service} · ${s.item_count} item${s.item_count === 1 ? '' : 's'} · `,
        timeEl(s.date_created)));
    const li = el('li', {class: 'p-0 border-0', 'data-testid': this.rowTestId}, link);
    li.dataset.orderUid = s.order_uid;
    return li;
  }
}
