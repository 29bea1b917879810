// What the search box's text is: an e-mail, a phone number, an order id or a track number. The
// page decides here, in one place, and says what it decided next to the results.

/** The service's order id shape (model/OrderId): 1-64 ASCII letters, digits, '-' or '_', a letter or digit first. */
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Digits with the usual separators, a leading + allowed, and at least 5 digits. */
const PHONE = /^\+?[0-9 ()./-]+$/;
/** Marks only a phone number has: a leading +, spaces, brackets or dots (none is allowed in an order id). */
const PHONE_ONLY = /[+ ().]/;

export const KINDS = {
  order_uid: 'order id',
  track_number: 'track number',
  email: 'e-mail',
  phone: 'phone',
};

/**
 * The ways to try the text, in order; the first that finds something wins.
 * - contains '@': an e-mail (the service compares it case-insensitively);
 * - digits with +, spaces, brackets or dots: a phone (the service ignores the separators);
 * - the shape of an order id: the order with that id, else orders with that track number, and for
 *   digits and dashes alone (e.g. 555-0100) orders with that phone number;
 * - anything else: a track number (any text can be one).
 * With a customer or date filter set, the text is never taken as an order id: an id names one
 * order, and a filter beside it would be ignored silently.
 */
export function interpretations(text, {withFilters = false} = {}) {
  const q = text.trim();
  if (!q) return [];
  if (q.includes('@')) return ['email'];
  const digits = q.replace(/[^0-9]/g, '').length;
  const phoneLike = PHONE.test(q) && digits >= 5;
  if (phoneLike && PHONE_ONLY.test(q)) return ['phone'];
  if (ORDER_ID.test(q)) {
    const kinds = withFilters ? ['track_number'] : ['order_uid', 'track_number'];
    if (phoneLike) kinds.push('phone');
    return kinds;
  }
  return ['track_number'];
}

/** The search's form state as it sits in the URL (#/search?q=...&customer=...&from=...&to=...). */
export function readSearch(params) {
  return {
    q: (params.get('q') || '').trim(),
    customer: (params.get('customer') || '').trim(),
    from: (params.get('from') || '').trim(),
    to: (params.get('to') || '').trim(),
  };
}

export function searchHash(search) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value) params.set(name, value);
  return '#/search?' + params;
}

export function isEmptySearch(search) {
  return !search.q && !search.customer && !search.from && !search.to;
}
