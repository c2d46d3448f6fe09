import { get } from '../api.js';
import { path } from '../router.js';

// One photo as every photo screen knows it: its status, the summary a card
// shows, the details the photo modal loads, and the same-origin image URLs the
// backend serves (and caches).

/** @typedef {'not_synced' | 'not_processed' | 'queued' | 'processing' | 'completed' | 'failed'} PhotoStatus */

/**
 * @typedef {Object} PhotoSummary
 * @property {string} imageKey
 * @property {number | string | null} photoId null until the album is synced
 * @property {string | null} title
 * @property {string | null} fileName
 * @property {string | null} caption
 * @property {number | null} width
 * @property {number | null} height
 * @property {string | null} capturedAt
 * @property {PhotoStatus} status
 * @property {string | null} statusError
 * @property {string | null} thumbnailUrl
 * @property {boolean} inCollection
 * @property {boolean} [offline] listed from the local copy: SmugMug (and so any image not cached) is out of reach
 */

/**
 * @typedef {Object} PhotoDetail
 * @property {number | string} id
 * @property {string} imageKey
 * @property {string | null} albumKey
 * @property {string | null} albumName
 * @property {string | null} folderPath
 * @property {string | null} title
 * @property {string | null} fileName
 * @property {string | null} caption
 * @property {string[] | null} keywords
 * @property {string | null} capturedAt
 * @property {boolean} capturedAtIsUploadDate
 * @property {number | null} width
 * @property {number | null} height
 * @property {string | null} format
 * @property {number | null} sizeBytes
 * @property {PhotoStatus} status
 * @property {string | null} statusError
 * @property {string | null} webUri
 * @property {string | null} imageUrl
 * @property {string | null} largestUrl
 * @property {string | null} originalUrl
 */

/**
 * @param {number | string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<PhotoDetail>}
 */
export function getPhoto(id, signal) {
  return get(path`/api/photos/${id}`, { signal });
}

/** Same-origin image URLs served (and cached) by the backend. */
/** @type {{ thumbnail: (id: number | string) => string, image: (id: number | string, size: string) => string, original: (id: number | string) => string, display: (id: number | string, width: number | null | undefined, height: number | null | undefined) => string }} */
export const photoUrls = {
  /** @param {number | string} id */
  thumbnail: (id) => path`/api/photos/${id}/thumbnail`,
  /** @param {number | string} id @param {string} size */
  image: (id, size) => `${path`/api/photos/${id}/image`}?size=${encodeURIComponent(size)}`,
  /** @param {number | string} id */
  original: (id) => path`/api/photos/${id}/original`,
  /**
   * About 1600 px for a dialog. SmugMug never upscales, so X3 (a 1600×1200 box) exists only for photos larger
   * than that box; smaller ones get their largest display size instead of a 404.
   * @param {number | string} id
   * @param {number | null | undefined} width
   * @param {number | null | undefined} height
   */
  display: (id, width, height) => photoUrls.image(id, (width ?? 0) > 1600 || (height ?? 0) > 1200 ? 'X3' : 'largest'),
};
