import { getAlbumPage, getNode } from './library-api.js';

// A short-lived memory of folder listings and first album pages. It lets a
// card show its own spinner while the next page loads (the router clears the
// screen on navigation, so we fetch first and navigate once the data is here),
// and lets the sidebar tree and the folder grid share one request. The server
// has its own longer cache; this one only smooths navigation.

/** @typedef {import('./library-api.js').NodeListing} NodeListing */
/** @typedef {import('./library-api.js').AlbumPage} AlbumPage */

const NODE_TTL_MS = 60_000;
const ALBUM_TTL_MS = 15_000;
export const FIRST_PAGE_SIZE = 60;

/** @type {Map<string, { at: number, promise: Promise<NodeListing> }>} */
const nodes = new Map();
/** @type {Map<string, { at: number, promise: Promise<AlbumPage> }>} */
const albums = new Map();

/** @param {string | null} nodeId */
const nodeKey = (nodeId) => nodeId ?? '';

/**
 * A folder listing, from memory when recent. Requests are not tied to one
 * view's signal because the tree and the grid may share them.
 * @param {string | null} nodeId null for the root
 * @param {{ fresh?: boolean }} [options]
 * @returns {Promise<NodeListing>}
 */
export function loadNode(nodeId, options = {}) {
  const key = nodeKey(nodeId);
  const hit = nodes.get(key);
  if (hit && !options.fresh && Date.now() - hit.at < NODE_TTL_MS) return hit.promise;
  const promise = getNode(nodeId);
  const entry = { at: Date.now(), promise };
  nodes.set(key, entry);
  // Failures are not remembered.
  promise.catch(() => {
    if (nodes.get(key) === entry) nodes.delete(key);
  });
  return promise;
}

/**
 * The listing if it is already in memory and settled-or-pending, without fetching.
 * @param {string | null} nodeId
 * @returns {Promise<NodeListing> | null}
 */
export function peekNode(nodeId) {
  const hit = nodes.get(nodeKey(nodeId));
  return hit && Date.now() - hit.at < NODE_TTL_MS ? hit.promise : null;
}

/**
 * Starts loading an album's first page so the album view can use it.
 * @param {string} albumKey
 * @returns {Promise<AlbumPage>}
 */
export function prefetchAlbum(albumKey) {
  const hit = albums.get(albumKey);
  if (hit && Date.now() - hit.at < ALBUM_TTL_MS) return hit.promise;
  const promise = getAlbumPage(albumKey, { limit: FIRST_PAGE_SIZE });
  const entry = { at: Date.now(), promise };
  albums.set(albumKey, entry);
  promise.catch(() => {
    if (albums.get(albumKey) === entry) albums.delete(albumKey);
  });
  return promise;
}

/**
 * Hands over a prefetched first page once (later visits fetch fresh status).
 * @param {string} albumKey
 * @returns {Promise<AlbumPage> | null}
 */
export function takePrefetchedAlbum(albumKey) {
  const hit = albums.get(albumKey);
  albums.delete(albumKey);
  return hit && Date.now() - hit.at < ALBUM_TTL_MS ? hit.promise : null;
}

/** Forgets everything (after a sync changed counts and synced marks). */
export function invalidateLibrary() {
  nodes.clear();
  albums.clear();
}
