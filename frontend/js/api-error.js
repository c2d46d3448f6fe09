// What a failed API call is to the rest of the app: one error type carrying
// the problem+json fields (title, detail, per-field errors, trace id), with
// the message a user sees and the details a toast can expand.

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
