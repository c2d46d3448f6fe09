// The one place that talks HTTP to the backend. Same-origin relative URLs only,
// so the app works behind any host or reverse proxy (the old app hard-coded a
// localhost URL).

import { createStore } from './core/store.js';

/**
 * @typedef {Record<string, string[]>} FieldErrors
 */

/** An API failure with everything a view needs to explain it to the user. */
export class ApiError extends Error {
  /**
   * @param {Object} init
   * @param {number} init.status HTTP status; 0 when the server could not be reached
   * @param {string} init.title
   * @param {string} [init.detail]
   * @param {FieldErrors} [init.errors]
   * @param {string} [init.type]
   * @param {string} [init.traceId]
   */
  constructor({ status, title, detail = '', errors = {}, type = '', traceId = '' }) {
    super(composeMessage(title, detail, errors));
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.type = type;
    this.traceId = traceId;
  }

  /** True when the backend could not be reached at all (network failure or proxy gateway error). */
  get isNetworkError() {
    return this.status === 0;
  }

  /**
   * Messages for one form field. ASP.NET may key errors as "Email", "email",
   * "$.email" or "Secrets.AnthropicApiKey", so keys are compared loosely on
   * their full dotted path and on their last segment.
   * @param {string} field e.g. "email" or "secrets.anthropicApiKey"
   * @returns {string[]}
   */
  fieldErrors(field) {
    const want = normaliseKey(field);
    const wantLast = want.split('.').pop();
    /** @type {string[]} */
    const found = [];
    for (const [key, messages] of Object.entries(this.errors)) {
      const k = normaliseKey(key);
      if (k === want || (!want.includes('.') && k.split('.').pop() === wantLast)) found.push(...messages);
    }
    return found;
  }

  /** A multi-line technical summary for the expandable part of an error toast. */
  get technicalDetails() {
    const lines = [`HTTP ${this.status || 'network error'}: ${this.title}`];
    if (this.detail) lines.push(this.detail);
    for (const [key, messages] of Object.entries(this.errors)) lines.push(`${key}: ${messages.join(' ')}`);
    if (this.traceId) lines.push(`Trace id: ${this.traceId}`);
    return lines.join('\n');
  }
}

/** @param {string} key */
function normaliseKey(key) {
  return key.replace(/^\$\.?/, '').replace(/\[(\w+)\]/g, '.$1').toLowerCase();
}

/**
 * @param {string} title
 * @param {string} detail
 * @param {FieldErrors} errors
 */
function composeMessage(title, detail, errors) {
  const fieldMessages = Object.values(errors).flat();
  if (fieldMessages.length) return fieldMessages.join(' ');
  if (detail && detail !== title) return title ? `${title} ${detail}` : detail;
  return title || 'Something went wrong.';
}

/** Readable defaults when the server sends no problem details. */
const STATUS_TITLES = /** @type {Record<number, string>} */ ({
  400: 'The request was not valid.',
  401: 'Please sign in.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'That conflicts with the current state.',
  413: 'That is too large.',
  429: 'Too many attempts, try again in a minute.',
  500: 'The server hit an unexpected error.',
  502: 'The server could not be reached.',
  503: 'The server is temporarily unavailable.',
  504: 'The server took too long to answer.',
});

/**
 * Reads a cookie by name, fresh each time: the server rotates the
 * antiforgery token on login, setup and logout.
 * @param {string} name
 * @returns {string | null}
 */
export function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

const reachable = createStore(true, { name: 'connectivity' });

/**
 * Notified when the backend becomes unreachable or reachable again.
 * @param {(reachable: boolean) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onConnectivityChange(listener) {
  return reachable.subscribe(listener);
}

/** @returns {boolean} whether the last request reached the backend */
export function isReachable() {
  return reachable.get();
}

/** @param {boolean} value */
function setReachable(value) {
  reachable.set(value);
}

/** @type {((error: ApiError) => void) | null} */
let unauthorizedHandler = null;

/**
 * Called when a non-auth request gets 401 (session expired); the shell routes to login.
 * @param {(error: ApiError) => void} handler
 */
export function setUnauthorizedHandler(handler) {
  unauthorizedHandler = handler;
}

/**
 * @typedef {Object} RequestOptions
 * @property {unknown} [body] sent as JSON unless it is FormData/Blob
 * @property {AbortSignal} [signal]
 * @property {Record<string, string>} [headers]
 * @property {URLSearchParams | Record<string, string | number | boolean | null | undefined>} [query]
 */

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
  if (response.status === 401 && unauthorizedHandler) unauthorizedHandler(error);
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
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);

  if (upper !== 'GET' && upper !== 'HEAD') {
    const token = readCookie('XSRF-TOKEN');
    if (token) headers.set('X-XSRF-TOKEN', token);
  }

  /** @type {BodyInit | undefined} */
  let body;
  if (options.body !== undefined) {
    if (options.body instanceof FormData || options.body instanceof Blob) {
      body = options.body;
    } else {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.body);
    }
  }

  let url = path;
  if (options.query) {
    const params = options.query instanceof URLSearchParams ? options.query : toSearchParams(options.query);
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }

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
  if (response.status === 401 && !path.startsWith('/api/auth/') && unauthorizedHandler) {
    unauthorizedHandler(error);
  }
  throw error;
}

/**
 * @param {Response} response
 * @param {boolean} gatewayDown
 * @returns {Promise<ApiError>}
 */
async function toApiError(response, gatewayDown) {
  const status = gatewayDown ? 0 : response.status;
  const fallbackTitle = gatewayDown
    ? 'Cannot reach the TargetVision server.'
    : STATUS_TITLES[response.status] ?? `Request failed (HTTP ${response.status}).`;
  /** @type {any} */
  let problem;
  try {
    const text = await response.text();
    problem = text ? JSON.parse(text) : null;
  } catch {
    problem = null;
  }
  if (!problem || typeof problem !== 'object') return new ApiError({ status, title: fallbackTitle });

  /** @type {FieldErrors} */
  const errors = {};
  if (problem.errors && typeof problem.errors === 'object') {
    for (const [key, value] of Object.entries(problem.errors)) {
      errors[key] = (Array.isArray(value) ? value : [value]).map(String);
    }
  }
  // ASP.NET's generic titles ("One or more validation errors occurred.") are
  // less helpful than our status defaults for rate limiting.
  const title = response.status === 429 ? fallbackTitle : stringOr(problem.title, fallbackTitle);
  return new ApiError({
    status,
    title,
    detail: stringOr(problem.detail, ''),
    errors,
    type: stringOr(problem.type, ''),
    traceId: stringOr(problem.traceId, ''),
  });
}

/**
 * @param {unknown} value
 * @param {string} fallback
 */
function stringOr(value, fallback) {
  return typeof value === 'string' && value.trim() ? value : fallback;
}

/** @param {Record<string, string | number | boolean | null | undefined>} values */
function toSearchParams(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return params;
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

/**
 * A message fit for a toast or an inline error from any thrown value.
 * @param {unknown} err
 * @returns {string}
 */
export function errorMessage(err) {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}
