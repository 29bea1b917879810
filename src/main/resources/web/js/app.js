// Wires the page: sign-in when the service asks for it, hash routes (#/, #/orders/ID, #/rejected),
// search, recent list, live feed, status.
import {api, SIGNED_OUT} from './api.js';
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
  clear($('recent-list'));
  clear($('rejected-rows'));
  for (const id of ['orders-view', 'rejected-view', 'status', 'search', 'account']) $(id).hidden = true;
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
