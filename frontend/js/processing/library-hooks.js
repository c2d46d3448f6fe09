import * as selection from '../library/selection.js';
import { registerPhotoModalSlot } from '../library/photo-modal.js';
import { registerAlbumActions } from '../library/album-view.js';
import { photoUrls } from '../library/library-api.js';
import { trackBatch } from '../batches/batch-store.js';

// The only place this feature reaches into the Library UI. The Library owns
// selection, the photo modal and the global progress bar; we use the hooks it
// publishes for other features and nothing else, so a change there shows up in
// one file here.

/** @typedef {import('../library/library-api.js').PhotoSummary} LibraryPhoto */
/** @typedef {import('../library/library-api.js').PhotoDetail} LibraryPhotoDetail */
/** @typedef {number | string} PhotoId */

/** Large enough for a full-screen slideshow, far smaller than an original. */
const SLIDESHOW_SIZE = 'X2';

/**
 * The synced photos of the current selection (only those can be described) and how many are not synced.
 * @returns {{ photoIds: PhotoId[], unsynced: number }}
 */
export function selectedPhotos() {
  const s = selection.getSelection();
  return { photoIds: s.photoIds, unsynced: s.unsyncedCount ?? Math.max(0, s.imageKeys.length - s.photoIds.length) };
}

/**
 * @param {() => void} listener
 * @returns {() => void} unsubscribe
 */
export function onSelectionChange(listener) {
  return selection.onSelectionChange(() => listener());
}

export function clearSelection() {
  selection.clearSelection();
}

/** @returns {LibraryPhoto[]} the photos of the album on screen, as displayed */
export function currentPhotos() {
  return selection.getCurrentPhotos();
}

/**
 * A rendition for viewing one photo large; the thumbnail for photos that are not synced yet.
 * @param {LibraryPhoto} photo
 * @returns {string | null}
 */
export function largeImageUrl(photo) {
  if (photo.photoId !== null && photo.photoId !== undefined && photo.status !== 'not_synced') {
    return photoUrls.image(photo.photoId, SLIDESHOW_SIZE);
  }
  return photo.thumbnailUrl;
}

/**
 * Fills the photo modal's "ai" section.
 * @param {(container: HTMLElement, photo: LibraryPhotoDetail) => void | (() => void)} mount
 * @returns {() => void} unregister
 */
export function registerAiSlot(mount) {
  return registerPhotoModalSlot('ai', mount);
}

/**
 * Adds controls to every album toolbar (`[data-slot="album-actions"]`).
 * @param {(container: HTMLElement, album: { albumKey: string, title?: string, synced?: boolean, signal: AbortSignal }) => void | (() => void)} mount
 * @returns {() => void} unregister
 */
export function registerAlbumToolbar(mount) {
  return registerAlbumActions((container, context) => mount(container, {
    albumKey: context.albumKey,
    title: context.album?.name ?? undefined,
    synced: context.album?.synced,
    signal: context.signal,
  }));
}

/**
 * Hands a just-created batch to the global progress bar so it shows before the first event arrives.
 * @param {import('./processing-api.js').BatchView | null | undefined} batch
 */
export function announceBatch(batch) {
  if (!batch || typeof batch.id !== 'string') return;
  trackBatch(batch);
}
