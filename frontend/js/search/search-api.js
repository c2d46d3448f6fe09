import { get } from '../api.js';
import { toQuery } from './search-state.js';

// The Search feature's calls: GET /api/search (words + filters, or filters
// only) and the synced album list the pickers offer.

/** @typedef {import('./search-state.js').SearchState} SearchState */

/**
 * @typedef {Object} SignalMatch
 * @property {'text' | 'typo' | 'semantic' | 'visual'} signal
 * @property {number} rank 1 = that signal's best
 * @property {number} score
 */

/** @typedef {{ text: string, hit: boolean }} SnippetSegment */
/** @typedef {{ field: 'title' | 'description', segments: SnippetSegment[] }} Snippet */

/**
 * A photo card's fields plus why it matched.
 * @typedef {import('../library/library-api.js').PhotoSummary & {
 *   albumKey: string, albumName: string, isVideo: boolean, score: number,
 *   matched: SignalMatch[], snippets: Snippet[] }} SearchHit
 */

/**
 * @typedef {Object} SearchFacets
 * @property {{ year: number, count: number }[]} years
 * @property {{ albumKey: string, name: string, count: number }[]} albums
 */

/**
 * @typedef {Object} SearchResponse
 * @property {SearchHit[]} items
 * @property {number} page
 * @property {number} pageSize
 * @property {number} total
 * @property {boolean} hasNext
 * @property {string} mode
 * @property {string[]} signals the signals that ran
 * @property {SearchFacets} facets
 */

/** @typedef {{ albumKey: string, name: string, folderPath: string, photoCount: number }} SyncedAlbum */

export const PAGE_SIZE = 48;

/**
 * @param {SearchState} state
 * @param {number} page
 * @param {AbortSignal} signal
 * @returns {Promise<SearchResponse>}
 */
export function searchPhotos(state, page, signal) {
  const query = toQuery(state);
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  return get('/api/search', { query, signal });
}

/**
 * @param {AbortSignal} [signal]
 * @returns {Promise<SyncedAlbum[]>}
 */
export function getSyncedAlbums(signal) {
  return get('/api/library/albums', { signal });
}
