// Wires the page: sign-in when the service asks for it, hash routes (#/, #/search?..., #/orders/ID,
// #/rejected?...), the search, the recent list, the live feed, the status strip and the keyboard.
import {api, SIGNED_OUT} from './api.js';
import {clear, el, orderHref} from './dom.js';
import {connectLive} from './live.js';
import {renderLookupError, renderOrder} from './order-view.js';
import {isEmptySearch, readSearch, searchHash} from './query.js';
import {RecentList} from './recent.js';
import {RejectedTable} from './rejected.js';
import {Search} from './search.js';
import {startStatus} from './status.js';

const $ = (id) => document.getElementById(id);

const recent = new RecentList({list: $('recent-list'), more: $('recent-more'), message: $('recent-msg')});
const results = new RecentList({list: $('results-list'), more: $('results-more'), message: $('results-msg'),
  source: () => Promise.resolve({body: {items: [], next: null}}), onError: (e) => search.describeError(e)});
const search = new Search({
  fields: {q: $('search-q'), customer: $('search-customer'), from: $('search-from'), to: $('search-to')},
  results,
  nodes: {card: $('results-card'), summary: $('results-summary'), note: $('results-note'),
    exportLink: $('results-export'), exportMsg: $('export-msg')},
});
const rejected = new RejectedTable({rows: $('rejected-rows'), more: $('rejected-more'),
  message: $('rejected-msg'), refresh: $('rejected-refresh'), reason: $('rejected-reason')});
const detail = $('detail');
const emptyDetail = detail.firstElementChild;
let lookup = null;
/** The list the open order belongs to ('#/' or a search's hash): where closing the order goes back to. */
let listHash = '#/';
/** The search whose results are listed, so coming back to it does not run it again. */
let shownSearch = null;
let shownRejected = null;
/** Where the keyboard focus was when an order was opened: it goes back there when the order is closed. */
let returnFocus = null;

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const wanted = readSearch(new FormData(event.target));
  if (isEmptySearch(wanted)) {
    $('search-q').focus();
    go('#/');
    return;
  }
  const target = searchHash(wanted);
  shownSearch = null; // Enter again runs the search again (e.g. to see new orders)
  go(target);
});

$('search-clear').addEventListener('click', () => {
  search.fill({});
  $('search-q').focus();
  go('#/');
});

$('rejected-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(event.target);
  const params = new URLSearchParams();
  for (const name of ['reason', 'from', 'to']) if (data.get(name)) params.set(name, String(data.get(name)));
  shownRejected = null;
  go(params.size ? '#/rejected?' + params : '#/rejected');
});

$('rejected-clear').addEventListener('click', () => {
  for (const id of ['rejected-reason', 'rejected-from', 'rejected-to']) $(id).value = '';
  go('#/rejected');
});

/** Goes to a hash; the same hash again routes again (hashchange would not fire). */
function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

/** Escape closes the open order (not while typing in a field, where Escape belongs to the field). */
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented || !isOrderRoute()) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest('input, select, textarea')) return;
  event.preventDefault();
  closeOrder();
});

function isOrderRoute() {
  return /^#\/orders\//.test(location.hash);
}

function closeOrder() {
  const back = returnFocus;
  const id = currentOrder;
  returnFocus = null;
  go(listHash);
  const focused = back?.isConnected && !back.closest('[hidden]') && (back.focus(), document.activeElement === back);
  if (!focused && !(id && (visibleList().focusRow(id)))) $('search-q').focus();
}

function visibleList() {
  return $('results-card').hidden ? recent : results;
}

let currentOrder = null;

async function showOrder(id, {order = null, error = null} = {}) {
  lookup?.abort();
  const controller = new AbortController();
  lookup = controller;
  currentOrder = id;
  recent.select(id);
  results.select(id);
  detail.setAttribute('aria-busy', 'true');
  clear(detail).append(el('p', {class: 'text-body-secondary', role: 'status', text: `Looking up ${id}…`}));
  try {
    let cacheStatus = null;
    if (error) throw error;
    if (!order) {
      const {body, response} = await api.order(id, {signal: controller.signal});
      order = body;
      cacheStatus = response.headers.get('X-Cache');
    }
    clear(detail).append(renderOrder(order, {cacheStatus, onClose: closeOrder}));
    document.title = `Order ${order.order_uid} · order-service`;
    $('order-title')?.focus();
  } catch (e) {
    if (e.name === 'AbortError') return;
    const state = renderLookupError(id, e, () => showOrder(id));
    state.setAttribute('tabindex', '-1');
    clear(detail).append(state);
    document.title = 'order-service';
    state.focus();
  } finally {
    if (lookup === controller) detail.removeAttribute('aria-busy');
  }
}

function showEmptyDetail() {
  lookup?.abort();
  currentOrder = null;
  recent.select(null);
  results.select(null);
  if (detail.firstElementChild !== emptyDetail) clear(detail).append(emptyDetail);
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

/** Shows the list column: a search's results above the recent orders, or the recent orders alone. */
function showRecentOnly() {
  shownSearch = null;
  search.hide();
}

async function runSearch(hash, wanted) {
  // Back at the search already listed (an order closed): the fields still show it, and refilling
  // them here, after the hashchange, would overwrite what the user has started typing since.
  if (shownSearch === hash) return;
  search.fill(wanted);
  shownSearch = hash;
  const {order, failedId, error} = await search.run(wanted);
  if ((order || failedId) && location.hash === hash) {
    // The text was an order's id (or its look-up failed): the order view, at the order's own URL.
    const id = order ? order.order_uid : failedId;
    returnFocus = document.activeElement === document.body ? null : document.activeElement;
    history.replaceState(null, '', orderHref(id));
    showOrder(id, {order, error});
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
    const from = document.activeElement;
    if (from && from !== document.body && !detail.contains(from)) returnFocus = from;
    showOrder(id);
    return;
  }
  const [path, query = ''] = hash.split('?');
  if (path === '#/rejected') {
    showView('rejected');
    document.title = 'Rejected messages · order-service';
    const params = new URLSearchParams(query);
    const wanted = {reason: params.get('reason') || '', from: params.get('from') || '', to: params.get('to') || ''};
    $('rejected-from').value = wanted.from;
    $('rejected-to').value = wanted.to;
    if (shownRejected !== hash) {
      shownRejected = hash;
      rejected.loadReasons(wanted.reason).then(() => rejected.show(wanted));
    } else {
      $('rejected-reason').value = wanted.reason;
    }
    return;
  }
  showView('orders');
  document.title = 'order-service';
  showEmptyDetail();
  if (path === '#/search') {
    const wanted = readSearch(new URLSearchParams(query));
    if (!isEmptySearch(wanted)) {
      listHash = hash;
      document.title = 'Search · order-service';
      runSearch(hash, wanted);
      return;
    }
  }
  listHash = '#/';
  // Leaving a search empties its fields; the first route (after the session check) leaves alone
  // what the user may already have typed.
  if (shownSearch !== null) search.fill({});
  showRecentOnly();
}

// ?order=ID links (e.g. from other tools) become the page's own shareable form.
const queryOrder = new URLSearchParams(location.search).get('order');
if (queryOrder) history.replaceState(null, '', '/' + orderHref(queryOrder));

let stopStatus = null;
let live = null;

function start(session) {
  if (session?.signed_in) {
    $('account-who').textContent = session.who;
    $('account').hidden = false;
  }
  window.addEventListener('hashchange', route);
  route();
  recent.reload();
  stopStatus = startStatus({orders: $('st-orders'), cache: $('st-cache'), rejected: $('st-rejected'),
    rate: $('st-rate')});
  live = connectLive($('live-state'), {
    onOrders: (items) => recent.prepend(items),
    onResync: () => recent.reload(),
  });
}

/** No order data stays on a signed-out page: views emptied and hidden, polling and the live feed stopped. */
function showSignedOut(reason) {
  window.removeEventListener('hashchange', route);
  stopStatus?.();
  live?.close();
  lookup?.abort();
  clear(detail);
  recent.clear();
  search.hide();
  search.fill({}); // what was searched for (an e-mail, a phone) leaves with the session
  shownSearch = null;
  for (const id of ['rejected-reason', 'rejected-from', 'rejected-to']) $(id).value = '';
  clear($('rejected-rows'));
  for (const id of ['orders-view', 'rejected-view', 'status', 'account']) $(id).hidden = true;
  document.title = 'Sign in · order-service';
  if (reason) $('signin-reason').textContent = reason;
  $('signin-view').hidden = false;
  $('signin-token').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('signin-token');
  const token = input.value.trim();
  input.value = '';
  if (!token) return;
  try {
    await api.signIn(token);
    const {body: now} = await api.session();
    // A Secure cookie is kept only over HTTPS (or from localhost): say so rather than loop back here.
    if (!now.signed_in) throw new Error('the browser did not keep the session cookie; open this page over HTTPS');
    location.reload();
  } catch (e) {
    $('signin-msg').textContent = e.status === 401 ? 'That token is not valid (unknown, revoked or expired).'
      : `Could not sign in: ${e.message}`;
  }
});

$('sign-out').addEventListener('click', async () => {
  showSignedOut('You are signed out.');
  await api.signOut().catch(() => null);
});

window.addEventListener(SIGNED_OUT, () => showSignedOut('Your session has ended. Sign in again to see orders.'));

let session = null;
try {
  ({body: session} = await api.session());
} catch {
  session = null;
}
if (session?.auth_required && !session.signed_in) showSignedOut(); else start(session);
