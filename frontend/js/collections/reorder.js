import { el } from '../ui/dom.js';
import { toastError } from '../ui/toast.js';

// Manual order for a collection's grid: drag a card onto another, or use the
// keyboard (Alt+←/→ on a focused card) or the card's arrow buttons. Every move
// is saved as the full order, in sequence; a failed save puts the previous order back.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * @param {{ save: (photoIds: number[]) => Promise<void>, apply: (photos: PhotoSummary[]) => void }} options
 */
export function createReorder(options) {
  let enabled = false;
  /** @type {PhotoSummary[]} */
  let photos = [];
  /** @type {number | null} */
  let dragFrom = null;
  /** Saves run one after another, so a quick second move can never be overtaken by the first. */
  let saving = Promise.resolve();

  /** @param {number} from @param {number} to */
  async function move(from, to) {
    if (to < 0 || to >= photos.length || from === to) return;
    const previous = photos;
    const next = photos.slice();
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    options.apply(next);
    focusCard(to);
    const ids = next.map((p) => Number(p.photoId));
    saving = saving.then(() => options.save(ids)).catch((err) => {
      options.apply(previous);
      toastError(err, 'Could not save the new order');
    });
    await saving;
  }

  /** @type {HTMLElement | null} */
  let gridElement = null;
  /** @param {number} index */
  function focusCard(index) {
    const target = /** @type {HTMLElement | null} */ (gridElement?.children[index]?.querySelector('[data-role="focus"]') ?? null);
    target?.focus();
  }

  /** @param {EventTarget | null} target */
  const indexOf = (target) => Number(/** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (target)?.closest?.('.photo-card'))?.dataset.index ?? -1);

  return {
    /** @param {boolean} on */
    setEnabled(on) {
      enabled = on;
    },
    /** @param {PhotoSummary[]} next */
    setPhotos(next) {
      photos = next;
    },
    /** @param {HTMLElement} grid */
    attach(grid) {
      gridElement = grid;
      grid.addEventListener('keydown', (event) => {
        if (!enabled || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
        const index = indexOf(event.target);
        if (index < 0) return;
        event.preventDefault();
        event.stopPropagation();
        void move(index, index + (event.key === 'ArrowLeft' ? -1 : 1));
      }, true);
      grid.addEventListener('dragstart', (event) => {
        dragFrom = enabled ? indexOf(event.target) : null;
        if (dragFrom !== null && event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      });
      grid.addEventListener('dragover', (event) => {
        if (enabled && dragFrom !== null) event.preventDefault();
      });
      grid.addEventListener('drop', (event) => {
        if (!enabled || dragFrom === null) return;
        event.preventDefault();
        const to = indexOf(event.target);
        const from = dragFrom;
        dragFrom = null;
        if (to >= 0) void move(from, to);
      });
    },
    /**
     * Adds the drag affordance and move buttons to a card while reordering.
     * @param {HTMLElement} card
     * @param {number} index
     * @param {number} count
     */
    decorate(card, index, count) {
      if (!enabled) return;
      card.draggable = true;
      card.classList.add('photo-card--reorder');
      const button = (/** @type {number} */ step, /** @type {string} */ label, /** @type {string} */ text) => {
        const b = el('button', { type: 'button', class: 'icon-btn small', 'aria-label': label, title: label, disabled: index + step < 0 || index + step >= count, 'data-roving': '', tabindex: '-1' }, text);
        b.addEventListener('click', (event) => {
          event.stopPropagation();
          void move(index, index + step);
        });
        return b;
      };
      card.append(el('div', { class: 'photo-card__move' }, button(-1, 'Move earlier', '←'), button(1, 'Move later', '→')));
    },
  };
}
