// Renders one order for people (summary, delivery, payment, items) with a toggle to its raw JSON.
import {alertBox, el, fields, formatEpochSeconds, formatMoney, formatNumber, orderHref, timeEl, epochIso} from './dom.js';

const text = (v) => (v === null || v === undefined ? '' : String(v));

export function renderOrder(order, {cacheStatus, onClose} = {}) {
  const p = order.payment || {};
  const d = order.delivery || {};
  const items = Array.isArray(order.items) ? order.items : [];
  const formatted = el('div', {class: 'vstack gap-3', 'data-testid': 'order-formatted'},
    summaryCard(order, p, cacheStatus),
    el('div', {class: 'row g-3'},
      el('div', {class: 'col-md-6'}, card('Delivery', deliveryFields(d), 'order-delivery')),
      el('div', {class: 'col-md-6'}, card('Payment', paymentFields(p), 'order-payment'))),
    card(`Items (${items.length})`, itemsTable(items, p.currency), 'order-items'));
  const raw = el('pre', {class: 'raw-json', id: 'raw-json', hidden: true, 'data-testid': 'order-raw',
    tabindex: '0', 'aria-label': 'Raw JSON of the order'}, JSON.stringify(order, null, 2));
  const toggle = el('button', {type: 'button', class: 'btn btn-outline-secondary btn-sm', id: 'raw-toggle',
    'aria-pressed': 'false', 'aria-controls': 'raw-json'}, 'Raw JSON');
  toggle.addEventListener('click', () => {
    const showRaw = raw.hidden;
    raw.hidden = !showRaw;
    formatted.hidden = showRaw;
    toggle.setAttribute('aria-pressed', String(showRaw));
    toggle.textContent = showRaw ? 'Formatted view' : 'Raw JSON';
  });
  const link = el('a', {class: 'btn btn-outline-secondary btn-sm', href: orderHref(order.order_uid),
    title: 'A link to this order that you can share'}, 'Link to this order');
  return el('article', {class: 'vstack gap-3', 'data-testid': 'order', 'aria-labelledby': 'order-title'},
    el('div', {class: 'd-flex flex-wrap gap-2 align-items-center'}, toggle, link, closeButton(onClose)), formatted, raw);
}

/** Closes the order view; Escape does the same (app.js), and focus goes back to where the order was opened. */
function closeButton(onClose) {
  if (!onClose) return null;
  const button = el('button', {type: 'button', class: 'btn btn-outline-secondary btn-sm ms-auto', id: 'order-close',
    'aria-keyshortcuts': 'Escape'}, 'Close', el('span', {class: 'visually-hidden', text: ' the order (Escape)'}));
  button.addEventListener('click', onClose);
  return button;
}

function card(title, body, testid) {
  return el('section', {class: 'card h-100', 'data-testid': testid},
    el('div', {class: 'card-header'}, el('h3', {class: 'h6 mb-0', text: title})),
    el('div', {class: 'card-body'}, body));
}

function summaryCard(o, p, cacheStatus) {
  const totals = el('div', {class: 'totals mt-3'},
    total('Amount', formatMoney(p.amount, p.currency), 'total-amount'),
    total('Goods', formatMoney(p.goods_total, p.currency)),
    total('Delivery', formatMoney(p.delivery_cost, p.currency)),
    total('Custom fee', formatMoney(p.custom_fee, p.currency)));
  return el('section', {class: 'card', 'data-testid': 'order-summary'},
    el('div', {class: 'card-body'},
      el('div', {class: 'd-flex flex-wrap justify-content-between gap-2 align-items-start'},
        el('div', {},
          el('div', {class: 'small text-body-secondary', text: 'Order'}),
          el('h1', {class: 'h4 order-id text-wrap-any mb-2', id: 'order-title', tabindex: '-1', text: text(o.order_uid)})),
        cacheStatus ? el('span', {class: 'badge text-bg-light border', title: 'Served from the service cache?',
          text: 'cache ' + cacheStatus}) : null),
      fields([
        ['Track number', el('span', {class: 'mono', text: text(o.track_number)})],
        ['Customer', text(o.customer_id)],
        ['Created', timeEl(o.date_created, {title: `As sent: ${text(o.date_created)}`})],
        ['Delivery service', text(o.delivery_service)],
        ['Entry', text(o.entry)],
        ['Locale', text(o.locale)],
        ['Shard key / OOF shard / SM id', `${text(o.shardkey)} / ${text(o.oof_shard)} / ${text(o.sm_id)}`],
        ['Internal signature', text(o.internal_signature)],
      ]),
      totals));
}

function total(label, value, testid) {
  return el('div', {class: 'total', 'data-testid': testid},
    el('div', {class: 'label', text: label}), el('div', {class: 'value', text: value}));
}

function deliveryFields(d) {
  return fields([
    ['Name', text(d.name)],
    ['Phone', text(d.phone)],
    ['E-mail', text(d.email)],
    ['Address', text(d.address)],
    ['City', text(d.city)],
    ['Region', text(d.region)],
    ['ZIP', text(d.zip)],
  ]);
}

function paymentFields(p) {
  return fields([
    ['Transaction', el('span', {class: 'mono', text: text(p.transaction)})],
    ['Request id', text(p.request_id)],
    ['Provider', text(p.provider)],
    ['Bank', text(p.bank)],
    ['Currency', text(p.currency)],
    ['Paid at', el('time', {datetime: epochIso(p.payment_dt), title: `Unix time ${text(p.payment_dt)}`, text: formatEpochSeconds(p.payment_dt)})],
    ['Amount', formatMoney(p.amount, p.currency)],
  ]);
}

function itemsTable(items, currency) {
  const head = ['Name', 'Brand', 'Size', 'Price', 'Sale %', 'Total', 'Status', 'chrt_id', 'nm_id', 'rid'];
  const numeric = new Set(['Price', 'Sale %', 'Total', 'Status', 'chrt_id', 'nm_id']);
  const rows = items.map((i) => el('tr', {},
    el('td', {text: text(i.name)}), el('td', {text: text(i.brand)}), el('td', {text: text(i.size)}),
    el('td', {class: 'num', text: formatMoney(i.price, currency)}), el('td', {class: 'num', text: formatNumber(i.sale)}),
    el('td', {class: 'num', text: formatMoney(i.total_price, currency)}), el('td', {class: 'num', text: text(i.status)}),
    el('td', {class: 'num mono', text: text(i.chrt_id)}), el('td', {class: 'num mono', text: text(i.nm_id)}),
    el('td', {class: 'mono', text: text(i.rid)})));
  // Focusable, so the keyboard can scroll it sideways when it is wider than its card (phones).
  return el('div', {class: 'table-responsive', tabindex: '0', role: 'region', 'aria-label': 'Items'},
    el('table', {class: 'table table-sm table-striped mb-0 items-table'},
      el('thead', {}, el('tr', {}, head.map((h) => el('th', {scope: 'col', class: numeric.has(h) ? 'num' : null, text: h})))),
      el('tbody', {}, rows)));
}

/** The panel for a failed lookup: not found, malformed id, not allowed, or the service failing. */
export function renderLookupError(id, error, retry) {
  if (error.status === 404) {
    return el('div', {'data-testid': 'state-not-found'},
      alertBox('warning', 'Order not found', `There is no order with id “${id}”. Check the id, or wait: `
        + 'an order shows up here as soon as the service has stored it.'));
  }
  if (error.status === 400) {
    return el('div', {'data-testid': 'state-malformed'},
      alertBox('danger', 'That is not a valid order id', error.detail || 'The service refused the id.'));
  }
  if (error.status === 403) {
    return el('div', {'data-testid': 'state-forbidden'},
      alertBox('warning', 'Not allowed', error.detail || 'Your token does not allow looking orders up.'));
  }
  const button = el('button', {type: 'button', class: 'btn btn-outline-danger btn-sm mt-2'}, 'Try again');
  button.addEventListener('click', retry);
  const title = error.status === 0 ? 'The service is unreachable' : `The service failed (${error.status})`;
  return el('div', {'data-testid': 'state-error'}, alertBox('danger', title, error.detail || error.message, button));
}
