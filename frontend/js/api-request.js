// What a request sends: the Accept header, the antiforgery token on writes,
// a JSON (or form/blob) body, and the query string without empty values.

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

/**
 * @typedef {Object} RequestOptions
 * @property {unknown} [body] sent as JSON unless it is FormData/Blob
 * @property {AbortSignal} [signal]
 * @property {Record<string, string>} [headers]
 * @property {URLSearchParams | Record<string, string | number | boolean | null | undefined>} [query]
 */

/**
 * The URL, headers and body a request sends.
 * @param {string} upper the method, upper case
 * @param {string} path
 * @param {RequestOptions} options
 * @returns {{ url: string, headers: Headers, body: BodyInit | undefined }}
 */
export function outgoing(upper, path, options) {
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
  return { url, headers, body };
}

/** @param {Record<string, string | number | boolean | null | undefined>} values */
function toSearchParams(values) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return params;
}
