import { el, icon, uid } from './dom.js';
import { FOCUSABLE, addLayer, isTopLayer, removeLayer, trapTab } from './focus-trap.js';

// Modal dialogs: focus moves in, Tab cycles inside, Esc closes, focus returns
// to where it was, and the page behind becomes inert for pointer and keyboard
// (the Tab cycle and the inert layers are focus-trap.js).

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
    removeLayer(backdrop);
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
    if (!isTopLayer(backdrop)) return;
    if (event.key === 'Escape' && dismissible) {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      trapTab(event, dialog);
    }
  }

  document.body.appendChild(backdrop);
  addLayer(backdrop);
  document.addEventListener('keydown', onKeydown, true);

  const first = autofocusTarget ?? /** @type {HTMLElement | null} */ (body.querySelector(FOCUSABLE)) ?? dialog;
  first.focus();

  return { element: dialog, body, close };
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
