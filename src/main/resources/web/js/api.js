// The service's JSON API. Errors come back as ApiError with the HTTP status (0: no answer at all).

export class ApiError extends Error {
  constructor(status, title, detail, parameter = null) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    /** For a 400 on a search: the query parameter the service refused (the problem's "parameter"). */
    this.parameter = parameter;
  }
}

/** Fires on window when the service answers 401: the session ended (expired, revoked, signed out elsewhere). */
export const SIGNED_OUT = 'orders:signed-out';

export async function getJson(path, {signal, method = 'GET', headers = {}} = {}) {
  let response;
  try {
    response = await fetch(path, {method, headers: {Accept: 'application/json', ...headers}, signal,
      credentials: 'same-origin'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'No answer from the service', 'The service could not be reached; check your connection.');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status === 401 && path !== SESSION) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
  if (!response.ok) {
    const problem = body && typeof body === 'object' ? body : {};
    throw new ApiError(response.status, String(problem.title || response.statusText || 'Error'),
      typeof problem.detail === 'string' ? problem.detail : '',
      typeof problem.parameter === 'string' ? problem.parameter : null);
  }
  if (body === null) throw new ApiError(response.status, 'Unreadable answer', 'The service sent something that is not JSON.');
  return {body, response};
}

const SESSION = '/api/session';

export const api = {
  session: () => getJson(SESSION),
  /** The token goes out once, in a header; the answer sets the HttpOnly session cookie. */
  signIn: (token) => getJson(SESSION, {method: 'POST', headers: {Authorization: 'Bearer ' + token}}),
  signOut: () => fetch(SESSION, {method: 'DELETE', credentials: 'same-origin'}),
  order: (id, opts) => getJson('/api/orders/' + encodeURIComponent(id), opts),
  /** The newest orders, or a search: filters {track_number, customer_id, phone, email, from, to}. */
  orders: (limit, before, filters = {}, opts) => getJson(pageUrl('/api/orders', limit, before, filters), opts),
  ordersCsvUrl: (filters) => withFilters('/api/orders.csv', new URLSearchParams(), filters),
  /** Filters {reason, from, to}. */
  rejected: (limit, before, filters = {}, opts) => getJson(pageUrl('/api/rejected', limit, before, filters), opts),
  rejectedReasons: () => getJson('/api/rejected/reasons'),
  status: () => getJson('/api/status'),
};

/**
 * Fetches a file (e.g. the CSV export) with the session cookie: {blob, response}, or an ApiError
 * with the service's problem when it refuses.
 */
export async function getFile(path) {
  let response;
  try {
    response = await fetch(path, {credentials: 'same-origin'});
  } catch {
    throw new ApiError(0, 'No answer from the service', 'The service could not be reached; check your connection.');
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
  if (!response.ok) {
    let problem = {};
    try {
      problem = JSON.parse(await response.text()) || {};
    } catch {
      problem = {};
    }
    throw new ApiError(response.status, String(problem.title || response.statusText || 'Error'),
      typeof problem.detail === 'string' ? problem.detail : '',
      typeof problem.parameter === 'string' ? problem.parameter : null);
  }
  return {blob: await response.blob(), response};
}

function pageUrl(base, limit, before, filters) {
  const params = new URLSearchParams({limit: String(limit)});
  if (before !== null && before !== undefined) params.set('before', String(before));
  return withFilters(base, params, filters);
}

/** Only filters with a value go out: the service refuses empty ones. */
function withFilters(base, params, filters = {}) {
  for (const [name, value] of Object.entries(filters)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const query = params.toString();
  return query ? base + '?' + query : base;
}
