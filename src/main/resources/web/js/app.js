// Wires the page: hash routes (#/, #/orders/ID, #/rejected), search, recent list, live feed, status.
import {api} from './api.js';
import {clear, el, orderHref} from './dom.js';
import {connectLive} from './live.js';
import {renderLookupError, renderOrder} from './order-view.js';
import {RecentList} from './recent.js';
import {RejectedTable} from './rejected.js';
import {startStatus} from './status.js';

const $ = (id) => document.getElementById(id);

const recent = new RecentList({list: $('recent-list'), more: $('recent-more'), message: $('recent-msg')});
const rejected = new RejectedTable({rows: $('rejected-rows'), more: $('rejected-more'),
  message: $('rejected-msg'), refresh: $('rejected-refresh')});
const detail = $('detail');
const searchInput = $('search-id');
let lookup = null;
let rejectedLoaded = false;

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = searchInput.value.trim();
  if (!id) {
    searchInput.focus();
    return;
  }
  const target = orderHref(id);
  if (location.hash === target) route(); else location.hash = target;
});

async function showOrder(id) {
  lookup?.abort();
  const controller = new AbortController();
  lookup = controller;
  searchInput.value = id;
  recent.select(id);
  detail.setAttribute('aria-busy', 'true');
  clear(detail).append(el('p', {class: 'text-body-secondary', role: 'status', text: `Looking up ${id}…`}));
  try {
    const {body, response} = await api.order(id, {signal: controller.signal});
    clear(detail).append(renderOrder(body, {cacheStatus: response.headers.get('X-Cache')}));
    document.title = `Order ${body.order_uid} · order-service`;
  } catch (e) {
    if (e.name === 'AbortError') return;
    clear(detail).append(renderLookupError(id, e, () => showOrder(id)));
    document.title = 'order-service';
  } finally {
    if (lookup === controller) detail.removeAttribute('aria-busy');
  }
}

function showView(name) {
  $('orders-view').hidden = name !== 'orders';
  $('rejected-view').hidden = name !== 'rejected';
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === name;
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function route() {
  const hash = location.hash || '#/';
  const order = /^#\/orders\/(.+)$/.exec(hash);
  if (order) {
    showView('orders');
    let id;
    try {
      id = decodeURIComponent(order[1]);
    } catch {
      id = order[1];
    }
    showOrder(id);
  } else if (hash === '#/rejected') {
    showView('rejected');
    document.title = 'Rejected messages · order-service';
    if (!rejectedLoaded) {
      rejectedLoaded = true;
      rejected.load(null, true);
    }
  } else {
    showView('orders');
    document.title = 'order-service';
  }
}

// ?order=ID links (e.g. from other tools) become the page's own shareable form.
const queryOrder = new URLSearchParams(location.search).get('order');
if (queryOrder) history.replaceState(null, '', '/' + orderHref(queryOrder));

window.addEventListener('hashchange', route);
route();
recent.reload();
startStatus({orders: $('st-orders'), cache: $('st-cache'), rejected: $('st-rejected'), rate: $('st-rate')});
connectLive($('live-state'), {
  onOrders: (items) => recent.prepend(items),
  onResync: () => recent.reload(),
});
