import { el, replaceChildren } from '../ui/dom.js';
import { markSearchVisited } from '../onboarding/first-run.js';
import { getSyncedAlbums } from './search-api.js';
import { createFilterPanel } from './search-filters.js';
import { renderFacets } from './search-facets.js';
import { createModeSwitch } from './search-modes.js';
import { createSearchResults } from './search-results.js';
import { noQueryState } from './search-states.js';
import { filterCount, fromQuery, sameState, searchHref, withoutFilters } from './search-state.js';
import { visualStatus } from '../visual/visual-api.js';
import { pushEntry } from '../router.js';

// The Search page: words from the header box, mode, filters and facets, and
// the results. The URL holds the whole search: a change here pushes a new
// history entry and redraws in place (focus stays where it was); back and
// forward go through the router, which draws the page again from the URL.

/** @typedef {import('./search-state.js').SearchState} SearchState */

/**
 * The element to focus again after a redraw (same name or data-focus key).
 * @param {HTMLElement} root
 * @returns {string | null} a selector
 */
function focusKey(root) {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active)) return null;
  const key = active.dataset.focus ?? active.getAttribute('name');
  if (!key) return null;
  return active.dataset.focus ? `[data-focus="${CSS.escape(key)}"]` : `[name="${CSS.escape(key)}"]`;
}

/** @type {import('../router.js').View} */
export function searchView(container, ctx) {
  let state = fromQuery(ctx.query);
  let filtersOpen = false;
  /** @type {ReturnType<typeof createSearchResults> | null} */
  let results = null;
  /** @type {AbortController | null} */
  let run = null;
  const albums = getSyncedAlbums(ctx.signal).catch(() => []);
  let visualReady = false;
  visualStatus().then((status) => {
    if (ctx.signal.aborted || !status.enabled || !status.textModelInstalled) return;
    visualReady = true;
    render();
  }).catch(() => { /* picture search stays off */ });

  /** @param {Partial<SearchState>} change */
  function update(change) {
    const next = { ...state, ...change };
    if (sameState(next, state)) return;
    state = next;
    pushEntry(searchHref(state));
    render();
  }

  function render() {
    const refocus = focusKey(container);
    results?.destroy();
    run?.abort();
    run = new AbortController();
    const signal = AbortSignal.any([run.signal, ctx.signal]);
    document.title = `${state.q ? `“${state.q}”` : 'Search'} · TargetVision`;

    const filters = createFilterPanel({ state, onChange: update, open: filtersOpen, onToggle: (open) => { filtersOpen = open; } });
    void albums.then((list) => {
      if (!signal.aborted) filters.setAlbums(list);
    });
    const facets = el('div', { class: 'search-facets-slot' });
    const browsing = !state.q && filterCount(state) === 0;
    if (state.q) markSearchVisited();
    results = browsing ? null : createSearchResults({
      state,
      signal,
      facets,
      onFirstPage: (response) => replaceChildren(facets, renderFacets(response.facets, state, update)),
      onClearFilters: () => update(withoutFilters(state)),
      onBestMatch: () => update({ mode: 'hybrid' }),
    });

    replaceChildren(container, el('section', { class: 'search-page' },
      el('header', { class: 'page-header search-header' },
        el('h1', { class: 'page-title' }, 'Search'),
        el('p', { class: 'page-subtitle' }, state.q ? `Photos matching “${state.q}”` : browsing ? 'Find any photo by describing it.' : 'Photos under these filters, newest first'),
        createModeSwitch(state.mode, (mode) => update({ mode }), visualReady),
        el('p', { class: 'muted small' }, el('a', { href: '/visual' }, 'Search by example'), ' · ', el('a', { href: '/duplicates' }, 'Near-duplicates'))),
      el('div', { class: 'search-layout' },
        filters.element,
        el('div', { class: 'search-main' }, results ? results.element : noQueryState(signal)))));

    const target = refocus ? /** @type {HTMLElement | null} */ (container.querySelector(refocus)) : null;
    target?.focus();
  }

  render();
  return () => {
    run?.abort();
    results?.destroy();
  };
}
