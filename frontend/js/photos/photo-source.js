// Where a photo grid's photos come from, as pages: an album (cursor paging
// over SmugMug), search results, a collection. The grid takes lists; this
// reads every page of a source so hosts do not each write the loop.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * @template [M=unknown]
 * @typedef {{ photos: PhotoSummary[], nextCursor: string | null, meta?: M }} PhotoPage
 */

/**
 * @template [M=unknown]
 * @typedef {(cursor: string | null, signal: AbortSignal) => Promise<PhotoPage<M>>} PhotoSource
 */

/**
 * Reads pages until the source has no more, handing each to `onPage`.
 * @template M
 * @param {PhotoSource<M>} source
 * @param {AbortSignal} signal
 * @param {(page: PhotoPage<M>, index: number) => void} onPage
 * @param {{ beforeNext?: (signal: AbortSignal) => Promise<void> }} [options] beforeNext: resolves when the next page
 *   is wanted (infinite scroll: when the end of the list comes into view); default at once
 * @returns {Promise<boolean>} false when aborted
 */
export async function readPages(source, signal, onPage, options = {}) {
  /** @type {string | null} */
  let cursor = null;
  let index = 0;
  do {
    if (index > 0 && options.beforeNext) {
      await options.beforeNext(signal);
      if (signal.aborted) return false;
    }
    const page = await source(cursor, signal);
    if (signal.aborted) return false;
    onPage(page, index);
    index += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return true;
}
