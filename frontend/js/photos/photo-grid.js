import { el } from '../ui/dom.js';
import * as events from '../events.js';
import { toast } from '../ui/toast.js';
import { onMarksChange, requestDescribe } from '../core/plugins.js';
import { createPhotoCard, updateCardMark } from './photo-card.js';
import { updateCardStatus } from './card-status.js';
import { openPhotoModal } from './photo-modal.js';
import { photoSelection } from './selection.js';
import { bindGridInput } from './grid-input.js';
import { createRovingFocus } from './roving-focus.js';
import { createRangeToggle, syncCardSelection } from './grid-selection.js';

// The photo grid every photo screen uses (album today; search results, chat
// answers and collections next): cards, selection by click, Shift+click,
// Space and Ctrl+A, roving keyboard focus, the photo modal, and live status
// from `photo.status` events. It knows nothing about where photos come from:
// the host hands it lists (see photo-source.js for paging).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * @typedef {Object} PhotoGridOptions
 * @property {string} [label] accessible name of the list
 * @property {import('./selection.js').SelectionStore} [selection] default: the shared photoSelection
 * @property {(photo: PhotoSummary, index: number, selected: boolean) => HTMLLIElement} [renderCard]
 * @property {(photos: PhotoSummary[], index: number, options: { onIndexChange: (i: number) => void }) => unknown} [openPhoto]
 * @property {(photo: PhotoSummary) => boolean} [filter] which photos are shown
 * @property {() => void} [onChange] the shown list changed (pages arrived, filter, status)
 * @property {(previous: PhotoSummary, next: PhotoSummary) => void} [onPhotoChange] a photo's status changed live
 */

/**
 * @param {PhotoGridOptions} [options]
 */
export function createPhotoGrid(options = {}) {
  const selection = options.selection ?? photoSelection;
  const renderCard = options.renderCard ?? createPhotoCard;
  const openPhoto = options.openPhoto ?? openPhotoModal;
  let filter = options.filter ?? (() => true);
  /** @type {PhotoSummary[]} */
  let all = [];
  /** @type {PhotoSummary[]} */
  let visible = [];

  const element = el('ul', { class: 'photo-grid', 'aria-label': options.label ?? 'Photos', 'data-testid': 'photo-grid' });
  const focus = createRovingFocus(element);

  const toggle = createRangeToggle(selection, () => visible);

  bindGridInput(element, focus, {
    count: () => visible.length,
    toggle,
    open: (index) => {
      if (visible[index]) openPhoto(visible, index, { onIndexChange: (i) => focus.setActive(i, false) });
    },
    describe: (index) => {
      const photo = visible[index];
      if (!photo || photo.photoId === null || photo.photoId === undefined) return;
      if (!requestDescribe([photo.photoId])) toast.info('Describing photos is not available in this version yet.');
    },
    selectAll: () => selection.set(visible, true),
    clear: () => {
      if (selection.get().imageKeys.length === 0) return false;
      selection.clear();
      return true;
    },
  });

  const offSelection = syncCardSelection(element, selection);

  /** Rebuilds the cards from `all` (filter change, swap after a refresh), keeping focus on the same photo. */
  function render() {
    const focused = element.contains(document.activeElement)
      ? /** @type {HTMLElement | null} */ (document.activeElement?.closest('.photo-card') ?? null)?.dataset.imageKey
      : undefined;
    visible = all.filter(filter);
    element.replaceChildren(...visible.map((photo, i) => renderCard(photo, i, selection.has(photo.imageKey))));
    const index = focused ? visible.findIndex((p) => p.imageKey === focused) : -1;
    focus.setActive(index >= 0 ? index : focus.active(), index >= 0);
    options.onChange?.();
  }

  /** @param {PhotoSummary[]} photos */
  function append(photos) {
    const start = visible.length;
    all = all.concat(photos);
    const shown = photos.filter(filter);
    visible = visible.concat(shown);
    element.append(...shown.map((photo, i) => renderCard(photo, start + i, selection.has(photo.imageKey))));
    if (start === 0) focus.setActive(0, false);
    options.onChange?.();
  }

  const offMarks = onMarksChange(() => {
    for (const card of /** @type {NodeListOf<HTMLElement>} */ (element.querySelectorAll('.photo-card'))) {
      const photo = visible[Number(card.dataset.index)];
      if (photo) updateCardMark(card, photo);
    }
  });

  const offStatus = events.subscribe('photo.status', (data) => {
    if (!data || typeof data !== 'object') return;
    const i = all.findIndex((p) => (data.imageKey ? p.imageKey === data.imageKey : p.photoId === data.photoId));
    if (i < 0) return;
    const previous = all[i];
    const photo = { ...previous, status: data.status, statusError: data.error ?? null, photoId: data.photoId ?? previous.photoId };
    all[i] = photo;
    const v = visible.findIndex((p) => p.imageKey === photo.imageKey);
    if (v >= 0) {
      visible[v] = photo;
      const card = /** @type {HTMLElement | null} */ (element.children[v] ?? null);
      if (card) updateCardStatus(card, photo);
    }
    selection.refresh(photo);
    options.onPhotoChange?.(previous, photo);
    options.onChange?.();
  });

  return {
    element,
    /** @param {PhotoSummary[]} photos replaces every photo */
    setPhotos(photos) {
      all = photos.slice();
      for (const photo of all) selection.refresh(photo);
      render();
    },
    append,
    /** @param {(photo: PhotoSummary) => boolean} next */
    setFilter(next) {
      filter = next;
      render();
    },
    /** @returns {PhotoSummary[]} every photo handed to the grid, in order */
    photos: () => all.slice(),
    /** @returns {PhotoSummary[]} the photos shown, in order */
    visible: () => visible.slice(),
    selectAllShown: () => selection.set(visible, true),
    destroy() {
      offSelection();
      offMarks();
      offStatus();
    },
  };
}

/** @typedef {ReturnType<typeof createPhotoGrid>} PhotoGrid */
