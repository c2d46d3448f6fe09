import { el } from '../ui/dom.js';
import { plural } from '../ui/format.js';
import { collectActions, onPluginsChange } from '../core/plugins.js';
import { createActionHost } from './action-host.js';
import { photoSelection } from './selection.js';

// The bar photo apps show while something is selected: how many (and how many
// of them cannot be processed yet), Clear, one primary action and a menu with
// the rest. Hidden while nothing is selected. Actions come from plugins'
// `selectionActions`; "Select all shown" is the host's own.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * @param {{ photos: () => PhotoSummary[], selection?: import('./selection.js').SelectionStore }} options photos: the
 *   photos on screen, in order
 * @returns {{ element: HTMLElement, destroy: () => void }}
 */
export function createSelectionBar(options) {
  const selection = options.selection ?? photoSelection;
  const count = el('span', { class: 'selection-bar__count', role: 'status', 'aria-live': 'polite' });
  const clear = el('button', { type: 'button', class: 'btn btn--ghost btn--small', 'data-action': 'clear-selection' }, 'Clear');
  const host = createActionHost({ menuLabel: 'More actions for the selection', testId: 'selection-actions' });
  const element = el('div', { class: 'selection-bar', role: 'region', 'aria-label': 'Selection', hidden: true },
    el('div', { class: 'selection-bar__info' }, count, clear), host.element);
  clear.addEventListener('click', () => selection.clear());

  function render() {
    const current = selection.get();
    const n = current.imageKeys.length;
    element.hidden = n === 0;
    count.textContent = n === 0 ? ''
      : `${n.toLocaleString()} selected${current.unsyncedCount ? ` (${plural(current.unsyncedCount, 'not synced', 'not synced')})` : ''}`;
    if (n === 0) return;
    const actions = collectActions('selectionActions', { selection, photos: options.photos });
    actions.push({
      id: 'select-all-shown',
      label: 'Select all shown',
      run: () => selection.set(options.photos(), true),
    });
    host.render(actions, current);
  }

  const offSelection = selection.subscribe(render);
  const offPlugins = onPluginsChange(render);
  render();
  return {
    element,
    destroy() {
      offSelection();
      offPlugins();
    },
  };
}
