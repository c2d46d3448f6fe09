import { el } from '../ui/dom.js';
import { plural } from '../ui/format.js';
import { requestDescribe } from '../core/plugins.js';
import { createPhotoGrid } from '../photos/photo-grid.js';
import { createSelectionBar } from '../photos/selection-bar.js';
import { readPages } from '../photos/photo-source.js';
import { nearEnd } from '../photos/scroll-gate.js';
import { searchPhotos } from './search-api.js';
import { hitCardRenderer } from './hit-card.js';
import { filterCount } from './search-state.js';
import { noResultsState, unavailableState } from './search-states.js';

// The results of one search: the shared photo grid (selection, badges, the
// photo modal, live status) with explained cards, pages read as the end of the
// list comes into view, the count, and "describe these" for hits that have no
// description yet.

/** @typedef {import('./search-state.js').SearchState} SearchState */
/** @typedef {import('./search-api.js').SearchResponse} SearchResponse */

/**
 * @param {Object} options
 * @param {SearchState} options.state
 * @param {AbortSignal} options.signal
 * @param {HTMLElement} options.facets filled by onFirstPage; it sits under the count line, where it pushes nothing that
 *   is on screen while the first page loads
 * @param {(response: SearchResponse) => void} options.onFirstPage
 * @param {() => void} options.onClearFilters
 * @param {() => void} options.onBestMatch switches to the hybrid mode
 */
export function createSearchResults(options) {
  const { state, signal } = options;
  /** @type {Map<string, import('./search-api.js').SearchHit>} */
  const hits = new Map();
  let total = 0;

  const count = el('p', { class: 'search-count', role: 'status', 'aria-live': 'polite' }, 'Searching…');
  const describe = el('button', { type: 'button', class: 'btn btn--secondary btn--small', hidden: true });
  const grid = createPhotoGrid({ label: 'Search results', renderCard: hitCardRenderer(hits), onChange: update });
  const bar = createSelectionBar({ photos: grid.visible });
  const more = el('button', { type: 'button', class: 'btn btn--secondary search-more', hidden: true }, 'Show more results');
  const slot = el('div', { class: 'search-state-slot' });
  const element = el('div', { class: 'search-results' },
    el('div', { class: 'search-results__bar' }, count, describe), options.facets, bar.element, grid.element, more, slot);

  /** Hits on screen that can be described now (synced, never described or failed). */
  function undescribed() {
    return grid.visible().filter((p) => (p.status === 'not_processed' || p.status === 'failed') && p.photoId !== null);
  }

  function update() {
    const shown = grid.visible().length;
    count.textContent = total === 0 ? '' : shown < total
      ? `${plural(total, 'photo')} · showing ${shown.toLocaleString()}`
      : plural(total, 'photo');
    const todo = undescribed();
    describe.hidden = todo.length === 0;
    describe.textContent = `Describe ${todo.length === 1 ? 'the undescribed result' : `these ${todo.length.toLocaleString()} undescribed`}…`;
  }

  describe.addEventListener('click', () => {
    requestDescribe(undescribed().map((p) => /** @type {number | string} */ (p.photoId)));
  });

  /** @type {import('../photos/photo-source.js').PhotoSource<SearchResponse>} */
  const source = async (cursor, s) => {
    const page = Number(cursor ?? '1');
    const response = await searchPhotos(state, page, s);
    return { photos: response.items, nextCursor: response.hasNext ? String(page + 1) : null, meta: response };
  };

  async function run() {
    slot.replaceChildren();
    count.textContent = 'Searching…';
    try {
      await readPages(source, signal, (page, index) => {
        for (const hit of page.meta?.items ?? []) hits.set(hit.imageKey, hit);
        if (index === 0 && page.meta) {
          total = page.meta.total;
          options.onFirstPage(page.meta);
          grid.setPhotos(page.photos);
          if (total === 0) {
            count.textContent = '';
            slot.replaceChildren(noResultsState({ q: state.q, filters: filterCount(state), signal, onClearFilters: options.onClearFilters }));
          }
        } else {
          grid.append(page.photos);
        }
      }, { beforeNext: nearEnd(more) });
      more.hidden = true;
    } catch (err) {
      if (signal.aborted) return;
      more.hidden = true;
      count.textContent = '';
      slot.replaceChildren(unavailableState(err, () => void run(), state.mode === 'hybrid' ? null : options.onBestMatch));
    }
  }

  void run();
  return {
    element,
    destroy() {
      grid.destroy();
      bar.destroy();
    },
  };
}
