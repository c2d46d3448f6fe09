import { el, uid } from './dom.js';
import { ApiError } from '../api.js';

// Small form helpers shared by the auth and settings pages: labelled fields
// with an error slot, and a way to spread an ApiError's field errors over them.

/**
 * @typedef {Object} Field
 * @property {HTMLElement} element wrapper (label + control + hint + error)
 * @property {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control
 * @property {(message: string | null) => void} setError
 */

/**
 * A labelled form control.
 * @param {Object} options
 * @param {string} options.label
 * @param {string} options.name
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} [options.control] a prepared control; otherwise an input is made
 * @param {Record<string, any>} [options.attrs] attributes for the generated input
 * @param {string} [options.hint]
 * @returns {Field}
 */
export function field(options) {
  const id = uid(`f-${options.name}`);
  const control = options.control ?? el('input', { type: 'text', ...options.attrs });
  control.id = id;
  control.name = options.name;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const error = el('p', { class: 'field__error', id: errorId, hidden: true });
  const hint = options.hint ? el('p', { class: 'field__hint', id: hintId }, options.hint) : null;
  control.setAttribute('aria-describedby', [hint ? hintId : '', errorId].filter(Boolean).join(' '));

  const element = el('div', { class: 'field' }, el('label', { for: id, class: 'field__label' }, options.label), control, hint, error);

  /** @param {string | null} message */
  function setError(message) {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  control.addEventListener('input', () => setError(null));
  return { element, control, setError };
}

/**
 * Shows an ApiError's field errors next to matching fields.
 * @param {unknown} err
 * @param {Record<string, Field>} fields keyed by the API field path, e.g. "email" or "secrets.openAiApiKey"
 * @returns {boolean} true if at least one field error was placed
 */
export function applyFieldErrors(err, fields) {
  if (!(err instanceof ApiError)) return false;
  let placed = false;
  let focused = false;
  for (const [key, f] of Object.entries(fields)) {
    const messages = err.fieldErrors(key);
    if (messages.length) {
      f.setError(messages.join(' '));
      placed = true;
      if (!focused) {
        f.control.focus();
        focused = true;
      }
    }
  }
  return placed;
}

/**
 * Disables a button while an async action runs and shows a busy state.
 * @template T
 * @param {HTMLButtonElement} button
 * @param {() => Promise<T>} action
 * @returns {Promise<T>}
 */
export async function withBusy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-busy');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.classList.remove('is-busy');
  }
}
