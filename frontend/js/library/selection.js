// Selection and the visible photo list of the album on screen, shared with
// other features (the AI UI's "Describe selected" and its slideshow) without
// them touching the Library's DOM. The album view is the only writer.

/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */

/**
 * @typedef {Object} Selection
 * @property {(number | string)[]} photoIds ids of the selected photos that are synced (only those can be described)
 * @property {string[]} imageKeys SmugMug keys of every selected photo, synced or not
 * @property {number} unsyncedCount selected photos that cannot be processed until their album is synced
 * @property {string | null} albumKey the album the selection belongs to
 */

/** @type {Map<string, PhotoSummary>} selected photos by image key, in selection order */
const selected = new Map();
/** @type {Set<(selection: Selection) => void>} */
const selectionListeners = new Set();
/** @type {PhotoSummary[]} */
let currentPhotos = [];
/** @type {string | null} */
let currentAlbumKey = null;
/** @type {Set<(photos: PhotoSummary[]) => void>} */
const photoListeners = new Set();

/** @returns {Selection} */
export function getSelection() {
  const all = [...selected.values()];
  const synced = all.filter((p) => p.photoId !== null && p.photoId !== undefined && p.status !== 'not_synced');
  return {
    photoIds: synced.map((p) => /** @type {number | string} */ (p.photoId)),
    imageKeys: all.map((p) => p.imageKey),
    unsyncedCount: all.length - synced.length,
    albumKey: currentAlbumKey,
  };
}

/**
 * @param {(selection: Selection) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onSelectionChange(listener) {
  selectionListeners.add(listener);
  return () => selectionListeners.delete(listener);
}

export function clearSelection() {
  if (selected.size === 0) return;
  selected.clear();
  notifySelection();
}

/**
 * @param {string} imageKey
 * @returns {boolean}
 */
export function isSelected(imageKey) {
  return selected.has(imageKey);
}

/**
 * Adds or removes photos in one step (one notification).
 * @param {PhotoSummary[]} photos
 * @param {boolean} value
 */
export function setSelected(photos, value) {
  let changed = false;
  for (const photo of photos) {
    if (value && !selected.has(photo.imageKey)) {
      selected.set(photo.imageKey, photo);
      changed = true;
    } else if (!value && selected.delete(photo.imageKey)) {
      changed = true;
    }
  }
  if (changed) notifySelection();
}

/**
 * Keeps stored summaries fresh (status changes decide which ids count as synced).
 * @param {PhotoSummary} photo
 */
export function refreshSelected(photo) {
  if (selected.has(photo.imageKey)) {
    selected.set(photo.imageKey, photo);
    notifySelection();
  }
}

function notifySelection() {
  const snapshot = getSelection();
  for (const listener of selectionListeners) {
    try {
      listener(snapshot);
    } catch (err) {
      console.error('selection: listener failed', err);
    }
  }
}

/**
 * The photos of the current album as shown (after the status filter), in display order.
 * Empty when no album is open.
 * @returns {PhotoSummary[]}
 */
export function getCurrentPhotos() {
  return currentPhotos.slice();
}

/** @returns {string | null} the album on screen */
export function getCurrentAlbumKey() {
  return currentAlbumKey;
}

/**
 * Notified when the visible list changes (more pages streamed in, filter changed, album left).
 * @param {(photos: PhotoSummary[]) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onCurrentPhotosChange(listener) {
  photoListeners.add(listener);
  return () => photoListeners.delete(listener);
}

/**
 * Called by the album view only.
 * @param {string | null} albumKey
 * @param {PhotoSummary[]} photos
 */
export function setCurrentPhotos(albumKey, photos) {
  if (albumKey !== currentAlbumKey) {
    currentAlbumKey = albumKey;
    // A selection never spans albums: leaving one starts afresh.
    clearSelection();
  }
  currentPhotos = photos;
  for (const listener of photoListeners) {
    try {
      listener(photos.slice());
    } catch (err) {
      console.error('selection: photo-list listener failed', err);
    }
  }
}
