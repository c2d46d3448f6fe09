import { el, icon } from './dom.js';
import { createProgressBar } from './progress.js';
import { detailsToggle, dismiss, dismissAfter, getRegion } from './toast-parts.js';

// Toast notifications. Success/info/warning fade on their own; errors stay
// until the user closes them, because an unseen error is a lost error.

const AUTO_DISMISS_MS = { success: 4000, info: 5000, warning: 7000 };

/** @typedef {'success' | 'info' | 'warning' | 'error' | 'progress'} ToastKind */

/**
 * @typedef {Object} ToastHandle
 * @property {HTMLElement} element
 * @property {() => void} close
 */

/**
 * @typedef {Object} ProgressToastHandle
 * @property {HTMLElement} element
 * @property {(done: number, total: number, label?: string) => void} update
 * @property {(message?: string) => void} succeed closes the progress toast and shows a success toast
 * @property {(message: string, details?: string) => void} fail closes it and shows an error toast
 * @property {() => void} close
 */

/**
 * @param {ToastKind} kind
 * @param {string} message
 * @param {{ details?: string, title?: string, timeout?: number, body?: Node }} [options]
 * @returns {ToastHandle}
 */
function show(kind, message, options = {}) {
  const host = getRegion();

  // Identical open errors are folded into one with a counter, so a failing
  // loop cannot bury the screen under copies.
  if (kind === 'error') {
    for (const existing of host.querySelectorAll('.toast--error')) {
      const el = /** @type {HTMLElement} */ (existing);
      if (el.dataset.message === message) {
        const count = Number(el.dataset.count ?? '1') + 1;
        el.dataset.count = String(count);
        const badge = el.querySelector('.toast__count');
        if (badge) badge.textContent = `×${count}`;
        return { element: el, close: () => dismiss(el) };
      }
    }
  }

  const iconName = kind === 'success' ? 'check' : kind === 'warning' || kind === 'error' ? 'alert' : 'info';
  const closeButton = el('button', { type: 'button', class: 'toast__close', 'aria-label': 'Dismiss notification' }, icon('close'));
  const text = el('div', { class: 'toast__text' },
    options.title ? el('strong', { class: 'toast__title' }, options.title) : null,
    el('span', { class: 'toast__message' }, message),
    el('span', { class: 'toast__count' }),
  );
  const content = el('div', { class: 'toast__content' }, text);
  if (options.body) content.appendChild(options.body);

  if (options.details) content.append(...detailsToggle(options.details));

  const toast = el('div', {
    class: ['toast', `toast--${kind}`],
    role: kind === 'error' ? 'alert' : 'status',
    dataset: { message, count: '1' },
  }, el('span', { class: 'toast__icon' }, kind === 'progress' ? null : icon(iconName)), content, closeButton);

  closeButton.addEventListener('click', () => dismiss(toast));
  host.appendChild(toast);

  const timeout = options.timeout ?? (kind === 'success' || kind === 'info' || kind === 'warning' ? AUTO_DISMISS_MS[kind] : 0);
  if (timeout > 0) dismissAfter(toast, timeout);
  return { element: toast, close: () => dismiss(toast) };
}

export const toast = {
  /** @param {string} message @param {{ title?: string, timeout?: number }} [options] */
  success: (message, options) => show('success', message, options),
  /** @param {string} message @param {{ title?: string, timeout?: number }} [options] */
  info: (message, options) => show('info', message, options),
  /** @param {string} message @param {{ title?: string, timeout?: number }} [options] */
  warning: (message, options) => show('warning', message, options),
  /**
   * Stays until closed; `details` is shown behind a "Show details" toggle.
   * @param {string} message
   * @param {{ title?: string, details?: string }} [options]
   */
  error: (message, options) => show('error', message, options),

  /**
   * A toast with a progress bar for long actions; it stays until succeed/fail/close.
   * @param {string} message
   * @param {{ total?: number, onCancel?: () => void }} [options]
   * @returns {ProgressToastHandle}
   */
  progress(message, options = {}) {
    const bar = createProgressBar({ total: options.total, label: options.total === undefined ? message : undefined });
    const body = el('div', { class: 'toast__progress' }, bar.element);
    if (options.onCancel) {
      const cancel = options.onCancel;
      body.appendChild(el('button', { type: 'button', class: 'btn btn--small btn--ghost', on: { click: () => cancel() } }, 'Cancel'));
    }
    const handle = show('progress', message, { body, timeout: 0 });
    const messageEl = handle.element.querySelector('.toast__message');
    return {
      element: handle.element,
      update(done, total, label) {
        if (label && messageEl) messageEl.textContent = label;
        bar.update(done, total);
      },
      succeed(text) {
        handle.close();
        show('success', text ?? message);
      },
      fail(text, details) {
        handle.close();
        show('error', text, { details });
      },
      close: handle.close,
    };
  },
};

/**
 * Shows an error toast for any thrown value, with technical details when it is an ApiError.
 * @param {unknown} err
 * @param {string} [context] what the user was doing, e.g. "Could not save settings"
 */
export function toastError(err, context) {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  // A 401 already sends the user to the sign-in page; a toast on top is noise.
  if (err && typeof err === 'object' && 'status' in err && err.status === 401) return;
  const message = err instanceof Error && err.message ? err.message : 'Something went wrong.';
  const details = err && typeof err === 'object' && 'technicalDetails' in err ? String(err.technicalDetails) : undefined;
  return toast.error(message, { title: context, details });
}
