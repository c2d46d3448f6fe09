// The one place that talks HTTP to the backend. Same-origin relative URLs only,
// so the app works behind any host or reverse proxy (the old app hard-coded a
// localhost URL). What a request sends is api-request.js; how a failure reads
// is api-error.js and api-problem.js; what the shell learns is api-status.js.

import { ApiError } from './api-error.js';
import { toApiError } from './api-problem.js';
import { outgoing } from './api-request.js';
import { reportUnauthorized, setReachable } from './api-status.js';

// Views import all of it from here (the parts are this module's own).
export { ApiError, errorMessage } from './api-error.js';
export { readCookie } from './api-request.js';
export { onConnectivityChange, isReachable, setUnauthorizedHandler } from './api-status.js';

/** @typedef {import('./api-error.js').FieldErrors} FieldErrors */
/** @typedef {import('./api-request.js').RequestOptions} RequestOptions */

/**
 * A GET whose body the caller reads itself (a streamed download with progress); errors become ApiError as usual.
 * @param {string} path must start with "/api/"
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<Response>} an ok response with its body unread
 */
export async function getRaw(path, options = {}) {
  if (!path.startsWith('/api/')) throw new Error(`api: path must start with /api/, got "${path}"`);
  /** @type {Response} */
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal: options.signal, headers: { Accept: '*/*' } });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    setReachable(false);
    throw new ApiError({ status: 0, title: 'Cannot reach the TargetVision server.' });
  }
  if (response.ok) return response;
  const error = await toApiError(response, [502, 503, 504].includes(response.status));
  if (response.status === 401) reportUnauthorized(error);
  throw error;
}

/**
 * Performs an API request and returns the parsed JSON body (or null for 204/empty bodies).
 * Throws ApiError for HTTP errors and network failures; AbortError passes through untouched.
 * @template [T=any]
 * @param {string} method
 * @param {string} path must start with "/api/"
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export async function request(method, path, options = {}) {
  if (!path.startsWith('/api/')) {
    // Relative same-origin paths only: a host in a URL here would break behind a proxy.
    throw new Error(`api: path must start with /api/, got "${path}"`);
  }
  const upper = method.toUpperCase();
  const { url, headers, body } = outgoing(upper, path, options);

  /** @type {Response} */
  let response;
  try {
    response = await fetch(url, { method: upper, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    setReachable(false);
    throw new ApiError({
      status: 0,
      title: 'Cannot reach the TargetVision server.',
      detail: 'Check that the server is running and your connection works.',
    });
  }

  const isProblem = (response.headers.get('Content-Type') ?? '').includes('problem+json');
  // A reverse proxy answers 502/503/504 itself when the backend is down.
  const gatewayDown = !isProblem && [502, 503, 504].includes(response.status);
  setReachable(!gatewayDown);

  if (response.ok) {
    if (response.status === 204) return /** @type {T} */ (null);
    const text = await response.text();
    if (!text) return /** @type {T} */ (null);
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError({ status: response.status, title: 'The server sent an unreadable answer.' });
    }
  }

  const error = await toApiError(response, gatewayDown);
  if (response.status === 401 && !path.startsWith('/api/auth/')) reportUnauthorized(error);
  throw error;
}

/**
 * @template [T=any]
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export const get = (path, options) => request('GET', path, options);

/**
 * @template [T=any]
 * @param {string} path
 * @param {unknown} [body]
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export const post = (path, body, options) => request('POST', path, { ...options, body });

/**
 * @template [T=any]
 * @param {string} path
 * @param {unknown} [body]
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export const put = (path, body, options) => request('PUT', path, { ...options, body });

/**
 * @template [T=any]
 * @param {string} path
 * @param {unknown} [body]
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });

/**
 * @template [T=any]
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<T>}
 */
export const del = (path, options) => request('DELETE', path, options);
