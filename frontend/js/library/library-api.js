import { get, post } from '../api.js';
import { path } from '../router.js';
import { noteLiveState } from './live-state.js';

// Calls and shapes of the SmugMug browse/sync API. Views import from here so
// the contract lives in one place.

/** @typedef {'not_synced' | 'not_processed' | 'queued' | 'processing' | 'completed' | 'failed'} PhotoStatus */

/**
 * @typedef {Object} Crumb
 * @property {string} nodeId
 * @property {string} name
 */

/**
 * @typedef {Object} NodeChild
 * @property {string} nodeId
 * @property {'folder' | 'album'} type
 * @property {string} name
 * @property {string | null} [albumKey]
 * @property {number | null} [imageCount]
 * @property {string | null} [coverUrl]
 * @property {boolean} [synced]
 * @property {number | null} [describedCount]
 * @property {number | null} [syncedCount]
 * @property {boolean} [hasChildren]
 * @property {string | null} [webUri]
 */

/**
 * Where a listing came from: SmugMug merged with local state, or (SmugMug not connected, rejecting the token or not
 * answering) the local copy of what was synced, with the reason.
 * @typedef {Object} Freshness
 * @property {'live' | 'local'} [source]
 * @property {{ code: string, message: string } | null} [liveError]
 * @property {string | null} [lastSyncedAt]
 */

/**
 * @typedef {Object} NodeListingFields
 * @property {{ nodeId: string, name: string, type: string, breadcrumbs: Crumb[] }} node
 * @property {NodeChild[]} children
 */

/** @typedef {NodeListingFields & Freshness} NodeListing */

/**
 * @typedef {Object} AlbumInfo
 * @property {string} albumKey
 * @property {string} name
 * @property {string | null} nodeId
 * @property {number} imageCount
 * @property {boolean} synced
 * @property {string | null} syncedAt
 * @property {number} describedCount
 */

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
 * @typedef {Object} AlbumPageFields
 * @property {AlbumInfo} album
 * @property {PhotoSummary[]} photos
 * @property {string | null} nextCursor
 */

/** @typedef {AlbumPageFields & Freshness} AlbumPage */

/**
 * Set by "Retry": listings ask SmugMug even if it failed a moment ago, until one answers (the page's listings go out
 * together, so clearing on the first request would let the others take the server's shortcut to the local copy).
 */
let recheck = false;

export function recheckLive() {
  recheck = true;
}

/**
 * @template {Freshness} T
 * @param {Promise<T>} answer
 * @returns {Promise<T>}
 */
function noted(answer) {
  return answer.then((value) => {
    recheck = false;
    noteLiveState(value);
    return value;
  });
}

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

/** @typedef {import('../batches/batches-api.js').Batch} Batch */

/**
 * @typedef {Object} LibraryStats
 * @property {number} albums
 * @property {number} photos
 * @property {number} described
 * @property {number} failed
 * @property {number} queued
 * @property {number} [syncedAlbums]
 * @property {number} [embedded]
 * @property {number} [approved]
 */

/**
 * @param {string | null} nodeId null for the account's root folder
 * @param {AbortSignal} [signal]
 * @returns {Promise<NodeListing>}
 */
export function getNode(nodeId, signal) {
  return noted(get(nodeId ? path`/api/smugmug/nodes/${nodeId}` : '/api/smugmug/nodes', { signal, query: { recheck: recheck || undefined } }));
}

/**
 * @param {string} albumKey
 * @param {{ cursor?: string | null, limit?: number, signal?: AbortSignal }} [options]
 * @returns {Promise<AlbumPage>}
 */
export function getAlbumPage(albumKey, options = {}) {
  return noted(get(path`/api/smugmug/albums/${albumKey}/photos`, {
    signal: options.signal,
    query: { cursor: options.cursor ?? undefined, limit: options.limit, recheck: recheck || undefined },
  }));
}

/**
 * @param {number | string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<PhotoDetail>}
 */
export function getPhoto(id, signal) {
  return get(path`/api/photos/${id}`, { signal });
}

/**
 * @param {{ scope: 'album' | 'folder' | 'account', albumKey?: string, nodeId?: string }} request
 * @returns {Promise<Batch>}
 */
export async function startSync(request) {
  /** @type {{ batch: Batch }} */
  const answer = await post('/api/smugmug/sync', request);
  return answer.batch;
}

/**
 * @param {AbortSignal} [signal]
 * @returns {Promise<LibraryStats>}
 */
export function getStats(signal) {
  return get('/api/library/stats', { signal });
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
