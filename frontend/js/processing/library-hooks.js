import { photoUrls } from '../library/photos-api.js';
import { trackBatch } from '../batches/batch-store.js';

// What this feature borrows from others besides the plugin hooks
// (core/plugins.js): the Library's image URLs and the batch store. Kept in one
// file so a change there shows up in one place here.

/** @typedef {import('../library/library-api.js').PhotoSummary} LibraryPhoto */
/** @typedef {import('../library/library-api.js').PhotoDetail} LibraryPhotoDetail */
/** @typedef {number | string} PhotoId */

/** Large enough for a full-screen slideshow, far smaller than an original. */
const SLIDESHOW_SIZE = 'X2';

/**
 * A rendition for viewing one photo large; the thumbnail for photos that are not synced yet.
 * @param {LibraryPhoto} photo
 * @returns {string | null}
 */
export function largeImageUrl(photo) {
  if (photo.photoId !== null && photo.photoId !== undefined && photo.status !== 'not_synced') {
    // X2 exists only for photos larger than its 1280×960 box; smaller ones get their largest size.
    const big = (photo.width ?? 0) > 1280 || (photo.height ?? 0) > 960;
    return photoUrls.image(photo.photoId, big ? SLIDESHOW_SIZE : 'largest');
  }
  return photo.thumbnailUrl;
}

/**
 * Hands a just-created batch to the batch store so the global bar shows it before the first event arrives.
 * @param {import('./processing-api.js').BatchView | null | undefined} batch
 */
export function announceBatch(batch) {
  if (!batch || typeof batch.id !== 'string') return;
  trackBatch(batch);
}
