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

/** Money as sent (integers in the order's currency units), never rescaled by guesswork. */
export function formatMoney(amount, currency) {
  return formatNumber(amount) + (currency ? ' ' + currency : '');
}

export function formatDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '') : d.toLocaleString();
}

export function formatEpochSeconds(seconds) {
  if (typeof seconds !== 'number') return String(seconds ?? '');
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString().replace('.000Z', 'Z');
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
