import { get, post } from '../api.js';
import { path } from '../router.js';
import { noteLiveState } from './live-state.js';

// Calls and shapes of the SmugMug browse/sync API. Views import from here so
// the contract lives in one place; one photo's shape, details and image URLs
// are photos-api.js (the photo screens use them, not only the Library).

/** @typedef {import('./photos-api.js').PhotoStatus} PhotoStatus */
/** @typedef {import('./photos-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('./photos-api.js').PhotoDetail} PhotoDetail */

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
