// The service's JSON API. Errors come back as ApiError with the HTTP status (0: no answer at all).

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
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
      typeof problem.detail === 'string' ? problem.detail : '');
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
  orders: (limit, before) => getJson(pageUrl('/api/orders', limit, before)),
  rejected: (limit, before) => getJson(pageUrl('/api/rejected', limit, before)),
  status: () => getJson('/api/status'),
};

function pageUrl(base, limit, before) {
  const params = new URLSearchParams({limit: String(limit)});
  if (before !== null && before !== undefined) params.set('before', String(before));
  return base + '?' + params;
}
