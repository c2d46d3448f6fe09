import { createStore } from '../core/store.js';

// A selection of photos keyed by SmugMug image key. It is not tied to one
// album: photos picked in one album stay picked while the user browses others
// (and later search results), until cleared. Screens share `photoSelection`;
// createSelection() gives an independent one (e.g. a dialog's own picking).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * @typedef {Object} Selection
 * @property {(number | string)[]} photoIds ids of the selected photos that are synced (only those can be described)
 * @property {string[]} imageKeys SmugMug keys of every selected photo, synced or not
 * @property {number} unsyncedCount selected photos that cannot be processed until their album is synced
 * @property {PhotoSummary[]} photos the selected photos, in selection order
 */

/**
 * @typedef {Object} SelectionStore
 * @property {() => Selection} get
 * @property {(imageKey: string) => boolean} has
 * @property {(photos: PhotoSummary[], value: boolean) => void} set adds or removes photos in one step (one notification)
 * @property {() => void} clear
 * @property {(photo: PhotoSummary) => void} refresh keeps a selected photo's summary fresh (its status decides whether it counts as synced)
 * @property {(listener: (selection: Selection) => void) => () => void} subscribe
 */

/** @param {PhotoSummary} p */
const isSynced = (p) => p.photoId !== null && p.photoId !== undefined && p.status !== 'not_synced';

/** @returns {SelectionStore} */
export function createSelection() {
  /** @type {Map<string, PhotoSummary>} */
  const selected = new Map();
  const store = createStore(selected, { name: 'selection', equals: () => false });

  /** @returns {Selection} */
  function get() {
    const photos = [...selected.values()];
    const synced = photos.filter(isSynced);
    return {
      photoIds: synced.map((p) => /** @type {number | string} */ (p.photoId)),
      imageKeys: photos.map((p) => p.imageKey),
      unsyncedCount: photos.length - synced.length,
      photos,
    };
  }

  return {
    get,
    has: (imageKey) => selected.has(imageKey),
    set(photos, value) {
      let changed = false;
      for (const photo of photos) {
        if (value && !selected.has(photo.imageKey)) {
          selected.set(photo.imageKey, photo);
          changed = true;
        } else if (!value && selected.delete(photo.imageKey)) {
          changed = true;
        }
      }
      if (changed) store.notify();
    },
    clear() {
      if (selected.size === 0) return;
      selected.clear();
      store.notify();
    },
    refresh(photo) {
      if (!selected.has(photo.imageKey)) return;
      selected.set(photo.imageKey, photo);
      store.notify();
    },
    subscribe: (listener) => store.subscribe(() => listener(get())),
  };
}

/** The selection the photo screens share. */
export const photoSelection = createSelection();
