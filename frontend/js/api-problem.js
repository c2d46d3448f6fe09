import { ApiError } from './api-error.js';

// Reading a failed response into an ApiError: the server's problem+json when
// it sent one, else a readable default for the status (a proxy's 502/503/504
// means the server is down, not that the request was wrong).

/** @typedef {import('./api-error.js').FieldErrors} FieldErrors */

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
 * @param {Response} response
 * @param {boolean} gatewayDown
 * @returns {Promise<ApiError>}
 */
export async function toApiError(response, gatewayDown) {
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
