import { el } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { readPages } from '../photos/photo-source.js';
import { getAlbumPage } from './library-api.js';
import { FIRST_PAGE_SIZE, takePrefetchedAlbum } from './library-cache.js';

// Loads an album progressively: the first page shows at once (often already
// prefetched when the card was clicked), the rest streams in with the cursor
// and is cancelled when the user leaves. A "swap" load (refresh after a sync)
// keeps the current grid until the new list is complete, so the page does
// not jump.

/** @typedef {import('./library-api.js').AlbumInfo} AlbumInfo */
/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */

/** The API's page-size ceiling (SmugMug's own page size). */
const NEXT_PAGE_SIZE = 100;

/**
 * @param {string} albumKey
 * @param {Object} handlers
 * @param {AbortSignal} handlers.signal the page's lifetime
 * @param {(album: AlbumInfo) => void} handlers.onAlbum
 * @param {(answer: import('./library-api.js').Freshness) => void} handlers.onFreshness live or local copy (first page)
 * @param {(photos: PhotoSummary[], first: boolean) => void} handlers.onPhotos pages as they arrive (not for swaps)
 * @param {(photos: PhotoSummary[] | null) => void} handlers.onLoaded everything is there (the whole list for swaps)
 * @param {(err: unknown) => void} handlers.onError
 */
export function createAlbumLoader(albumKey, handlers) {
  const bar = createProgressBar({ label: 'Loading photos' });
  const element = el('div', { class: 'album-loading', role: 'status' }, bar.element);
  /** @type {AbortController | null} */
  let current = null;

  /**
   * @param {{ swap?: boolean, button?: HTMLElement }} [options]
   */
  async function load(options = {}) {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const signal = AbortSignal.any([controller.signal, handlers.signal]);
    options.button?.classList.add('is-busy');
    element.hidden = false;
    const verb = options.swap ? 'Refreshing photos' : 'Loading photos';
    bar.indeterminate(`${verb}…`);
    /** @type {PhotoSummary[]} */
    const collected = [];
    let total = 0;
    /** @type {import('../photos/photo-source.js').PhotoSource<AlbumInfo>} */
    const source = async (cursor, s) => {
      const page = cursor
        ? await getAlbumPage(albumKey, { cursor, limit: NEXT_PAGE_SIZE, signal: s })
        : await ((!options.swap && takePrefetchedAlbum(albumKey)) || getAlbumPage(albumKey, { limit: FIRST_PAGE_SIZE, signal: s }));
      if (!cursor) handlers.onFreshness(page);
      // From the local copy, the modal must not ask SmugMug for sizes that were never cached.
      const photos = page.source === 'local' ? page.photos.map((p) => ({ ...p, offline: true })) : page.photos;
      return { photos, nextCursor: page.nextCursor, meta: page.album };
    };
    try {
      const complete = await readPages(source, signal, (page, index) => {
        if (index === 0 && page.meta) {
          total = page.meta.imageCount;
          handlers.onAlbum(page.meta);
        }
        collected.push(...page.photos);
        if (!options.swap) handlers.onPhotos(page.photos, index === 0);
        if (page.nextCursor) bar.update(collected.length, Math.max(total, collected.length), verb);
      });
      if (!complete) return;
      element.hidden = true;
      handlers.onLoaded(options.swap ? collected : null);
    } catch (err) {
      if (signal.aborted) return;
      element.hidden = true;
      handlers.onError(err);
    } finally {
      options.button?.classList.remove('is-busy');
      if (current === controller) current = null;
    }
  }

  return { element, load, abort: () => current?.abort() };
}
