import { setCardSelected } from './photo-card.js';

// How a photo grid selects: a plain toggle sets the anchor, Shift extends a
// range from it, and every card's checkbox follows the selection store (which
// other screens change too: the selection bar, Ctrl+A, Esc).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('./selection.js').SelectionStore} SelectionStore */

/**
 * @param {SelectionStore} selection
 * @param {() => PhotoSummary[]} visible the photos shown, in order
 * @returns {(index: number, range: boolean, value?: boolean) => void} value defaults to toggling
 */
export function createRangeToggle(selection, visible) {
  /** The photo the last plain toggle hit: Shift extends from it. By key, so it survives a re-render. */
  /** @type {string | null} */
  let anchorKey = null;

  return (index, range, value) => {
    const shown = visible();
    const photo = shown[index];
    if (!photo) return;
    const anchor = anchorKey === null ? -1 : shown.findIndex((p) => p.imageKey === anchorKey);
    if (range && anchor >= 0) {
      // The range takes the anchor's state, as in file managers.
      const [from, to] = [Math.min(anchor, index), Math.max(anchor, index)];
      selection.set(shown.slice(from, to + 1), selection.has(shown[anchor].imageKey));
    } else {
      selection.set([photo], value ?? !selection.has(photo.imageKey));
      anchorKey = photo.imageKey;
    }
  };
}

/**
 * Keeps the cards' selected state in step with the store.
 * @param {HTMLElement} grid
 * @param {SelectionStore} selection
 * @returns {() => void} unsubscribe
 */
export function syncCardSelection(grid, selection) {
  return selection.subscribe(() => {
    for (const card of /** @type {NodeListOf<HTMLElement>} */ (grid.querySelectorAll('.photo-card'))) {
      setCardSelected(card, selection.has(card.dataset.imageKey ?? ''));
    }
  });
}
