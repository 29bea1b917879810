// Builds DOM from untrusted data safely: text only ever goes in through textContent, never markup.

/**
 * el('td', {class: 'num', title: 'x'}, child, 'text', ...) - strings become text nodes; null/false
 * children are skipped. Attribute names are fixed by our code; values are set as plain attributes.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) throw new Error('event handlers are added with addEventListener');
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function orderHref(id) {
  return '#/orders/' + encodeURIComponent(id);
}

const number = new Intl.NumberFormat('en-US');

export function formatNumber(n) {
  return typeof n === 'number' ? number.format(n) : String(n ?? '');
}

const moneyFormats = new Map();

/**
 * Money as the model sends it: integers in whole units of the order's currency (the sample's 1817 USD
 * is goods 317 + delivery 1500), never rescaled by guesswork. Always with the ISO code, the same way
 * everywhere: "USD 1,817".
 */
export function formatMoney(amount, currency) {
  if (typeof amount !== 'number') return String(amount ?? '');
  if (!currency) return formatNumber(amount);
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', {style: 'currency', currency, currencyDisplay: 'code',
        minimumFractionDigits: 0, maximumFractionDigits: 0});
    } catch {
      format = {format: (n) => `${currency} ${number.format(n)}`};
    }
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** Every time on the page, in one format and one zone, the zone named: "2021-11-26 06:22:19 UTC". */
export const TIME_ZONE = 'UTC';

function formatInstant(d) {
  return d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

export function formatDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '') : formatInstant(d);
}

export function formatEpochSeconds(seconds) {
  if (typeof seconds !== 'number') return String(seconds ?? '');
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : formatInstant(d);
}

/** The ISO-8601 form of Unix seconds, or null when they are not a time. */
export function epochIso(seconds) {
  const d = new Date(typeof seconds === 'number' ? seconds * 1000 : NaN);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A <time> element for an ISO-8601 instant, shown in the page's one format. */
export function timeEl(iso, attrs = {}) {
  return el('time', {datetime: iso ?? null, ...attrs, text: formatDate(iso)});
}

/** The day after a yyyy-mm-dd date: the exclusive end of a range the page shows as inclusive. */
export function nextDay(day) {
  const d = new Date(day + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return day;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A definition list of [label, value] pairs; values are text or nodes. */
export function fields(pairs) {
  const dl = el('dl', {class: 'fields'});
  for (const [label, value] of pairs) {
    dl.append(el('dt', {text: label}), el('dd', {}, value === '' ? el('span', {class: 'text-body-secondary', text: '—'}) : value));
  }
  return dl;
}

export function alertBox(kind, title, detail, ...extra) {
  return el('div', {class: `alert alert-${kind}`, role: 'alert'},
    el('h2', {class: 'h5 alert-heading', text: title}),
    detail ? el('p', {class: 'mb-0 text-wrap-any', text: detail}) : null,
    ...extra);
}
