import { el } from '../ui/dom.js';

// Counts for the whole result set by year and by album; pressing one narrows
// the search to it, pressing it again lifts that filter.

/** @typedef {import('./search-state.js').SearchState} SearchState */
/** @typedef {import('./search-api.js').SearchFacets} SearchFacets */

/**
 * @param {string} title
 * @param {HTMLElement[]} buttons
 */
function group(title, buttons) {
  if (!buttons.length) return null;
  return el('div', { class: 'facet-group' }, el('h3', { class: 'facet-group__title' }, title),
    el('ul', { class: 'facet-list' }, buttons.map((b) => el('li', {}, b))));
}

/**
 * @param {string} key for focus to find it again after a re-render
 * @param {string} text
 * @param {number} count
 * @param {boolean} active
 * @param {() => void} onClick
 */
function facet(key, text, count, active, onClick) {
  // The name is the visible text ("2019 8") plus a hidden word, so voice control finds it by what it shows.
  const button = el('button', { type: 'button', class: 'facet', 'aria-pressed': String(active), 'data-focus': key },
    el('span', { class: 'facet__name' }, text), ' ',
    el('span', { class: 'facet__count' }, count.toLocaleString(), el('span', { class: 'visually-hidden' }, count === 1 ? ' photo' : ' photos')));
  button.addEventListener('click', onClick);
  return button;
}

/**
 * @param {SearchFacets} facets
 * @param {SearchState} state
 * @param {(change: Partial<SearchState>) => void} onChange
 * @returns {HTMLElement | null}
 */
export function renderFacets(facets, state, onChange) {
  const years = facets.years.map(({ year, count }) => {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const active = state.from === from && state.to === to;
    return facet(`year-${year}`, String(year), count, active, () => onChange(active ? { from: '', to: '' } : { from, to }));
  });
  const albums = facets.albums.map(({ albumKey, name, count }) => {
    const active = state.albums.length === 1 && state.albums[0] === albumKey;
    return facet(`album-${albumKey}`, name || 'Untitled album', count, active, () => onChange({ albums: active ? [] : [albumKey] }));
  });
  const content = [group('Years', years), group('Albums', albums)].filter((g) => g !== null);
  if (!content.length) return null;
  return el('section', { class: 'search-facets', 'aria-label': 'Narrow by year or album' }, content);
}
