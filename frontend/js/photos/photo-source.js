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
 * @returns {Promise<boolean>} false when aborted
 */
export async function readPages(source, signal, onPage) {
  /** @type {string | null} */
  let cursor = null;
  let index = 0;
  do {
    const page = await source(cursor, signal);
    if (signal.aborted) return false;
    onPage(page, index);
    index += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return true;
}
