import { el } from '../ui/dom.js';
import { ApiError } from '../api.js';
import { getStats } from '../library/library-api.js';

// What the Search page says when there is nothing to list: no query yet, no
// results (with what would help: fewer filters, more described photos — from
// the library's real counts), or search unavailable.

/**
 * @param {string} title
 * @param {...(HTMLElement | string | null)} body
 */
function state(title, ...body) {
  return el('div', { class: 'empty-state card search-state', role: 'status' }, el('p', { class: 'empty-state__title' }, title), ...body);
}

/**
 * "312 of 4,000 photos have descriptions", filled in when the counts arrive.
 * @param {AbortSignal} signal
 */
function describedLine(signal) {
  const line = el('p', { class: 'muted', 'data-testid': 'described-count' });
  getStats(signal).then((stats) => {
    if (signal.aborted) return;
    line.textContent = stats.photos === 0
      ? 'No photos are synced yet: sync an album in the Library first.'
      : `${stats.described.toLocaleString()} of ${stats.photos.toLocaleString()} photos have descriptions; only described photos can be found by what they show.`;
    if (stats.photos > stats.described) line.append(' ', el('a', { href: '/library' }, 'Describe more in the Library'));
  }).catch(() => line.remove());
  return line;
}

/** @param {AbortSignal} signal */
export function noQueryState(signal) {
  return state('Search your photos',
    el('p', {}, 'Type what you are looking for in the search box at the top (press / to get there), for example ',
      el('q', {}, 'red barn at sunset'), ' or ', el('q', {}, '"covered bridge" -winter'), '. Or pick a filter to browse.'),
    describedLine(signal));
}

/**
 * @param {{ q: string, filters: number, signal: AbortSignal, onClearFilters: () => void }} options
 */
export function noResultsState(options) {
  const clear = options.filters
    ? el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, options.filters === 1 ? 'Remove the filter' : `Remove all ${options.filters} filters`)
    : null;
  clear?.addEventListener('click', options.onClearFilters);
  return state(options.q ? `No photos match “${options.q}”` : 'No photos match these filters',
    options.filters ? el('p', {}, 'Try fewer filters, other words, or the “Meaning” mode.') : el('p', {}, 'Try other words or the “Meaning” mode.'),
    clear, describedLine(options.signal));
}

/**
 * @param {unknown} err
 * @param {() => void} onRetry
 * @param {(() => void) | null} [onBestMatch] offered when one signal (a mode other than Best match) cannot run
 */
export function unavailableState(err, onRetry, onBestMatch = null) {
  const retry = el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, 'Try again');
  retry.addEventListener('click', onRetry);
  const status = err instanceof ApiError ? err.status : 0;
  const detail = err instanceof Error ? err.message : 'The search could not run.';
  // A shared link to a Picture search reaches a server without a CLIP model (400 on the mode), or a signal's model
  // fails (503): Best match still works there.
  const modeRefused = status === 503 || (status === 400 && err instanceof ApiError && 'mode' in err.errors);
  const bestMatch = modeRefused && onBestMatch
    ? el('button', { type: 'button', class: 'btn btn--primary btn--small' }, 'Search by best match instead')
    : null;
  if (bestMatch && onBestMatch) bestMatch.addEventListener('click', onBestMatch);
  if (status === 400) return state('This search cannot run', el('p', {}, detail), bestMatch);
  return state(status === 503 ? 'Search is unavailable right now' : 'Search did not answer',
    el('p', {}, detail), bestMatch, retry);
}
