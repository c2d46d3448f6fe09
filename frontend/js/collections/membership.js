import { createStore } from '../core/store.js';
import { notifyMarksChanged } from '../core/plugins.js';
import { listCollections, memberIds } from './collections-api.js';

// What the photo screens need to know about collections at a glance: which
// photos are in any collection (the star on cards) and the list of
// collections (pills, "Add to collection"). Reloaded after every change made
// here; other tabs catch up on the next load.

/** @typedef {import('./collections-api.js').Collection} Collection */

const collected = createStore(/** @type {Set<number>} */ (new Set()), { name: 'collected-photos', equals: () => false });
const collections = createStore(/** @type {Collection[] | null} */ (null), { name: 'collections' });

/** @type {Promise<void> | null} */
let loading = null;

/** Loads both lists (once; call refresh() after a change). */
export function ensureLoaded() {
  loading ??= refresh();
  return loading;
}

export async function refresh() {
  try {
    const [ids, list] = await Promise.all([memberIds(), listCollections()]);
    collected.set(new Set(ids.photoIds));
    collections.set(list);
    notifyMarksChanged();
  } catch (err) {
    loading = null;
    throw err;
  }
}

/** @param {{ photoId?: number | string | null }} photo */
export const isCollected = (photo) => photo.photoId !== null && photo.photoId !== undefined && collected.get().has(Number(photo.photoId));

/** @returns {Collection[]} the collections, most recently changed first (empty until loaded) */
export const getCollections = () => collections.get() ?? [];

/** @param {(list: Collection[]) => void} listener */
export const onCollectionsChange = (listener) => collections.subscribe((list) => listener(list ?? []));
