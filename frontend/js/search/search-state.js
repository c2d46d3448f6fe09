// What a search is — words, mode and filters — and its one spelling in the
// URL, so a search can be shared, reloaded, and walked back and forward.
// Pure: no DOM, no fetches.

/** @typedef {'hybrid' | 'text' | 'semantic' | 'visual'} SearchMode */

/**
 * @typedef {Object} SearchState
 * @property {string} q
 * @property {SearchMode} mode
 * @property {string[]} albums album keys
 * @property {string} folder "Travel / Europe" (its sub-folders included), "" for any
 * @property {string} from yyyy-mm-dd or ""
 * @property {string} to yyyy-mm-dd or ""
 * @property {string} status "" or an API status (not_processed, queued, processing, completed, failed)
 * @property {boolean} approved approved descriptions only
 * @property {string[]} keywords
 * @property {'any' | 'all'} keywordMode
 * @property {'' | 'photo' | 'video'} media
 * @property {'' | 'true' | 'false'} hasDescription whether the photo has any description (any version, any status)
 */

export const MODES = /** @type {const} */ (['hybrid', 'text', 'semantic', 'visual']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** @returns {SearchState} */
export function emptyState() {
  return { q: '', mode: 'hybrid', albums: [], folder: '', from: '', to: '', status: '', approved: false, keywords: [], keywordMode: 'any', media: '', hasDescription: '' };
}

/**
 * @template {string} T
 * @param {string | null} value
 * @param {readonly T[]} allowed
 * @returns {T | ''}
 */
function pick(value, allowed) {
  return allowed.find((a) => a === value) ?? '';
}

/**
 * Reads a URL's query; values the API would refuse are dropped rather than shown as an error page.
 * @param {URLSearchParams} query
 * @returns {SearchState}
 */
export function fromQuery(query) {
  const mode = query.get('mode') ?? '';
  const unique = (/** @type {string[]} */ values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    q: (query.get('q') ?? '').trim(),
    mode: /** @type {readonly string[]} */ (MODES).includes(mode) ? /** @type {SearchMode} */ (mode) : 'hybrid',
    albums: unique(query.getAll('album')),
    folder: (query.get('folder') ?? '').trim(),
    from: DATE.test(query.get('from') ?? '') ? /** @type {string} */ (query.get('from')) : '',
    to: DATE.test(query.get('to') ?? '') ? /** @type {string} */ (query.get('to')) : '',
    status: query.get('status') ?? '',
    approved: query.get('approved') === 'true',
    keywords: unique(query.getAll('keyword')),
    keywordMode: query.get('keywordMode') === 'all' ? 'all' : 'any',
    media: pick(query.get('media'), /** @type {const} */ (['photo', 'video'])),
    hasDescription: pick(query.get('hasDescription'), /** @type {const} */ (['true', 'false'])),
  };
}

/**
 * The state as query parameters, defaults left out (the URL and the API request share it).
 * @param {SearchState} state
 * @returns {URLSearchParams}
 */
export function toQuery(state) {
  const query = new URLSearchParams();
  if (state.q) query.set('q', state.q);
  if (state.mode !== 'hybrid') query.set('mode', state.mode);
  for (const album of state.albums) query.append('album', album);
  if (state.folder) query.set('folder', state.folder);
  if (state.from) query.set('from', state.from);
  if (state.to) query.set('to', state.to);
  if (state.status) query.set('status', state.status);
  if (state.approved) query.set('approved', 'true');
  for (const keyword of state.keywords) query.append('keyword', keyword);
  if (state.keywords.length > 1 && state.keywordMode === 'all') query.set('keywordMode', 'all');
  if (state.media) query.set('media', state.media);
  if (state.hasDescription) query.set('hasDescription', state.hasDescription);
  return query;
}

/**
 * @param {SearchState} state
 * @returns {string} the Search page's path for this state
 */
export function searchHref(state) {
  const query = toQuery(state).toString();
  return query ? `/search?${query}` : '/search';
}

/**
 * How many filters narrow the search (words and mode are not filters).
 * @param {SearchState} state
 */
export function filterCount(state) {
  return state.albums.length + (state.folder ? 1 : 0) + (state.from || state.to ? 1 : 0) + (state.status ? 1 : 0)
    + (state.approved ? 1 : 0) + state.keywords.length + (state.media ? 1 : 0) + (state.hasDescription ? 1 : 0);
}

/**
 * @param {SearchState} state
 * @returns {SearchState} the same words and mode without any filter
 */
export function withoutFilters(state) {
  return { ...emptyState(), q: state.q, mode: state.mode };
}

/**
 * @param {SearchState} a
 * @param {SearchState} b
 */
export function sameState(a, b) {
  return toQuery(a).toString() === toQuery(b).toString();
}
