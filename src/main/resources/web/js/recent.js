// The newest-first list of orders: cursor paging with "Load more", live arrivals prepended.
import {api} from './api.js';
import {clear, el, formatDate, formatMoney, orderHref} from './dom.js';

export const PAGE_SIZE = 20;
/** Live arrivals beyond this many rows push the oldest rows out, so a long-open page stays light. */
const MAX_ROWS = 500;

export class RecentList {
  constructor({list, more, message}) {
    this.list = list;
    this.more = more;
    this.message = message;
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

  async load(before, replace) {
    if (this.loading) return;
    this.loading = true;
    this.more.disabled = true;
    this.message.textContent = 'Loading…';
    try {
      const {body} = await api.orders(PAGE_SIZE, before);
      if (replace) {
        clear(this.list);
        this.shown.clear();
      }
      for (const summary of body.items || []) this.append(summary);
      this.next = body.next ?? null;
      this.more.hidden = this.next === null;
      this.message.textContent = this.shown.size === 0 ? 'No orders yet.' : '';
    } catch (e) {
      this.message.textContent = `Could not load orders: ${e.message}`;
    } finally {
      this.loading = false;
      this.more.disabled = false;
    }
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
      el('span', {class: 'meta', text: `${s.customer_id} · ${s.delivery_service} · ${s.item_count} item${s.item_count === 1 ? '' : 's'} · ${formatDate(s.date_created)}`}));
    const li = el('li', {class: 'p-0 border-0', 'data-testid': 'recent-row'}, link);
    li.dataset.orderUid = s.order_uid;
    return li;
  }
}
