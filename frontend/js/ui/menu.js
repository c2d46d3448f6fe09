import { el, uid } from './dom.js';

// A menu button: the trigger opens a list of commands; ↑/↓ move, Esc closes
// and returns focus, Tab or a click outside closes. Commands run on click.

/**
 * @typedef {Object} MenuItem
 * @property {string} label
 * @property {() => void} run
 * @property {boolean} [disabled]
 * @property {boolean} [danger]
 * @property {string} [id] data-action
 */

/**
 * @param {{ label: string, text?: string, className?: string }} options label is the accessible name; text what
 *   the trigger shows (default: the label)
 * @returns {{ element: HTMLElement, setItems: (items: MenuItem[]) => void }}
 */
export function createMenu(options) {
  const menuId = uid('menu');
  const trigger = el('button', {
    type: 'button', class: ['btn', 'btn--secondary', 'btn--small', 'menu__trigger', options.className],
    'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId,
  }, options.text ?? options.label, el('span', { class: 'menu__caret', 'aria-hidden': 'true' }));
  if (options.text && options.text !== options.label) trigger.setAttribute('aria-label', options.label);
  const list = el('div', { class: 'menu__list', id: menuId, role: 'menu', 'aria-label': options.label, hidden: true });
  const element = el('div', { class: 'menu' }, trigger, list);

  const items = () => /** @type {HTMLButtonElement[]} */ ([...list.querySelectorAll('[role="menuitem"]:not([disabled])')]);

  /** @param {MouseEvent} event */
  function onOutside(event) {
    if (!element.contains(/** @type {Node} */ (event.target))) close(false);
  }

  /** @param {boolean} [refocus] */
  function close(refocus = true) {
    if (list.hidden) return;
    list.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', onOutside);
    if (refocus) trigger.focus();
  }

  function open() {
    list.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    document.addEventListener('mousedown', onOutside);
    items()[0]?.focus();
  }

  trigger.addEventListener('click', () => (list.hidden ? open() : close()));
  trigger.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && list.hidden) {
      event.preventDefault();
      open();
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = items();
    const index = all.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (event.key === 'Escape') {
      event.preventDefault();
      // The menu's Esc must not also close a dialog behind it.
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      all[(index + (event.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      all[event.key === 'Home' ? 0 : all.length - 1]?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  });

  return {
    element,
    setItems(next) {
      list.replaceChildren(...next.map((item) => {
        const button = el('button', {
          type: 'button', role: 'menuitem', tabindex: '-1', class: ['menu__item', item.danger && 'menu__item--danger'],
          disabled: item.disabled, 'data-action': item.id,
        }, item.label);
        button.addEventListener('click', () => {
          close();
          item.run();
        });
        return button;
      }));
      element.hidden = next.length === 0;
    },
  };
}
