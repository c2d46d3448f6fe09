import { el, icon, uid } from './dom.js';

// Modal dialogs: focus moves in, Tab cycles inside, Esc closes, focus returns
// to where it was, and the page behind becomes inert for pointer and keyboard.

const FOCUSABLE = [
  'a[href]', 'area[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])', 'textarea:not([disabled])', 'iframe', '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * @typedef {Object} ModalAction
 * @property {string} label
 * @property {'primary' | 'danger' | 'ghost' | 'secondary'} [variant]
 * @property {(close: () => void) => void | Promise<void>} [onClick] default closes the modal
 * @property {boolean} [autofocus]
 */

/**
 * @typedef {Object} ModalHandle
 * @property {HTMLElement} element the dialog element
 * @property {HTMLElement} body where the content lives
 * @property {() => void} close
 */

/** @type {HTMLElement[]} */
const stack = [];

/**
 * Opens a modal dialog.
 * @param {Object} options
 * @param {string} options.title
 * @param {Node | string} [options.content]
 * @param {ModalAction[]} [options.actions]
 * @param {() => void} [options.onClose] called once however the modal closes
 * @param {'small' | 'medium' | 'large'} [options.size]
 * @param {boolean} [options.dismissible] Esc and backdrop close it (default true)
 * @returns {ModalHandle}
 */
export function openModal(options) {
  const dismissible = options.dismissible ?? true;
  const titleId = uid('modal-title');
  const previouslyFocused = /** @type {HTMLElement | null} */ (document.activeElement);
  const body = el('div', { class: 'modal__body' }, options.content ?? null);
  const footer = el('div', { class: 'modal__footer' });

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    document.removeEventListener('keydown', onKeydown, true);
    backdrop.remove();
    stack.splice(stack.indexOf(backdrop), 1);
    syncInert();
    options.onClose?.();
    if (previouslyFocused && previouslyFocused.isConnected) previouslyFocused.focus();
  };

  /** @type {HTMLElement | null} */
  let autofocusTarget = null;
  for (const action of options.actions ?? []) {
    const button = el('button', {
      type: 'button',
      class: ['btn', `btn--${action.variant ?? 'secondary'}`],
      on: {
        click: async () => {
          if (!action.onClick) return close();
          button.disabled = true;
          try {
            await action.onClick(close);
          } finally {
            button.disabled = false;
          }
        },
      },
    }, action.label);
    if (action.autofocus) autofocusTarget = button;
    footer.appendChild(button);
  }

  const dialog = el('div', {
    class: ['modal', `modal--${options.size ?? 'small'}`],
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': titleId,
    tabindex: '-1',
  },
  el('div', { class: 'modal__header' },
    el('h2', { class: 'modal__title', id: titleId }, options.title),
    dismissible ? el('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close dialog', on: { click: close } }, icon('close')) : null,
  ),
  body,
  footer.childElementCount ? footer : null,
  );

  const backdrop = el('div', { class: 'modal-backdrop' }, dialog);
  backdrop.addEventListener('mousedown', (event) => {
    if (dismissible && event.target === backdrop) close();
  });

  /** @param {KeyboardEvent} event */
  function onKeydown(event) {
    if (stack[stack.length - 1] !== backdrop) return;
    if (event.key === 'Escape' && dismissible) {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      trapTab(event, dialog);
    }
  }

  document.body.appendChild(backdrop);
  stack.push(backdrop);
  syncInert();
  document.addEventListener('keydown', onKeydown, true);

  const first = autofocusTarget ?? /** @type {HTMLElement | null} */ (body.querySelector(FOCUSABLE)) ?? dialog;
  first.focus();

  return { element: dialog, body, close };
}

/**
 * @param {KeyboardEvent} event
 * @param {HTMLElement} container
 */
function trapTab(event, container) {
  const items = /** @type {HTMLElement[]} */ ([...container.querySelectorAll(FOCUSABLE)])
    .filter((node) => node.offsetParent !== null || node === document.activeElement);
  if (items.length === 0) {
    event.preventDefault();
    container.focus();
    return;
  }
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Everything except the top-most modal is inert, so clicks and focus cannot leak behind it. */
function syncInert() {
  const top = stack[stack.length - 1];
  for (const child of document.body.children) {
    const node = /** @type {HTMLElement} */ (child);
    // Toasts stay usable: an error toast may need closing while a dialog is open.
    if (node.classList.contains('toasts')) continue;
    node.inert = top !== undefined && node !== top;
  }
}

/**
 * Asks a yes/no question.
 * @param {Object} options
 * @param {string} options.title
 * @param {string} options.message
 * @param {string} [options.confirmLabel]
 * @param {string} [options.cancelLabel]
 * @param {boolean} [options.danger]
 * @returns {Promise<boolean>}
 */
export function confirmDialog(options) {
  return new Promise((resolve) => {
    let answer = false;
    openModal({
      title: options.title,
      content: el('p', null, options.message),
      onClose: () => resolve(answer),
      actions: [
        { label: options.cancelLabel ?? 'Cancel', variant: 'ghost', autofocus: true },
        {
          label: options.confirmLabel ?? 'Confirm',
          variant: options.danger ? 'danger' : 'primary',
          onClick: (close) => {
            answer = true;
            close();
          },
        },
      ],
    });
  });
}
