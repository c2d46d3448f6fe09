import { el } from '../ui/dom.js';
import { createMenu } from '../ui/menu.js';

// Renders a list of plugin actions the way every photo screen shows commands:
// one primary button (the first action that asks for it) and a menu for the
// rest, so a toolbar never grows into rows of buttons.

/** @typedef {import('../core/plugins.js').Action} Action */
/** @typedef {import('./selection.js').Selection} Selection */

/**
 * @param {{ menuLabel: string, menuText?: string, testId?: string }} options
 * @returns {{ element: HTMLElement, render: (actions: Action[], selection: Selection) => void }}
 */
export function createActionHost(options) {
  const primarySlot = el('span', { class: 'action-host__primary' });
  const menu = createMenu({ label: options.menuLabel, text: options.menuText ?? 'More', className: 'action-host__menu' });
  const element = el('div', { class: 'action-host', 'data-testid': options.testId }, primarySlot, menu.element);
  /** @type {Set<string>} actions whose run() has not settled yet */
  const busy = new Set();
  /** @type {() => void} */
  let rerender = () => {};

  /** @param {Action} action */
  function run(action) {
    const result = action.run();
    if (!(result instanceof Promise)) return;
    busy.add(action.id);
    rerender();
    void result.catch(() => undefined).finally(() => {
      busy.delete(action.id);
      rerender();
    });
  }

  /**
   * @param {Action} action
   * @param {Selection} selection
   */
  const labelOf = (action, selection) => (typeof action.label === 'function' ? action.label(selection) : action.label);

  return {
    element,
    render(actions, selection) {
      rerender = () => this.render(actions, selection);
      const enabled = (/** @type {Action} */ a) => !busy.has(a.id) && (a.enabled ? a.enabled(selection) : true);
      const primary = actions.find((a) => a.primary);
      if (primary) {
        const button = el('button', {
          type: 'button', class: ['btn', 'btn--primary', 'btn--small', busy.has(primary.id) && 'is-busy'],
          'data-action': primary.id, disabled: !enabled(primary),
        }, labelOf(primary, selection));
        button.addEventListener('click', () => run(primary));
        const hadFocus = primarySlot.contains(document.activeElement);
        primarySlot.replaceChildren(button);
        if (hadFocus) button.focus();
      } else {
        primarySlot.replaceChildren();
      }
      menu.setItems(actions.filter((a) => a !== primary).map((a) => ({
        id: a.id, label: labelOf(a, selection), disabled: !enabled(a), run: () => run(a),
      })));
    },
  };
}
