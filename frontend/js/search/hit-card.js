import { el } from '../ui/dom.js';
import { createPhotoCard } from '../photos/photo-card.js';

// A search result is the shared photo card plus two lines: why it matched
// ("words #1 · meaning #4") and the matched text with the words marked. The
// snippet arrives as plain segments; hits become <mark> elements, text stays
// text (never parsed as HTML).

/** @typedef {import('./search-api.js').SearchHit} SearchHit */
/** @typedef {import('./search-api.js').SignalMatch} SignalMatch */

/** How each signal is named to people. */
export const SIGNAL_NAMES = { text: 'words', typo: 'similar spelling', semantic: 'meaning', visual: 'picture' };

/**
 * "words #1 · meaning #4 (62% similar)": each signal that found the photo with its rank there.
 * @param {SignalMatch[]} matched
 * @returns {string}
 */
export function explainMatch(matched) {
  return matched.map((m) => {
    const name = SIGNAL_NAMES[m.signal] ?? m.signal;
    const similar = m.signal === 'semantic' || m.signal === 'visual' ? ` (${Math.round(m.score * 100)}% similar)` : '';
    return `${name} #${m.rank}${similar}`;
  }).join(' · ');
}

/**
 * @param {import('./search-api.js').Snippet} snippet
 * @returns {HTMLElement}
 */
export function renderSnippet(snippet) {
  return el('p', { class: 'hit-snippet', dataset: { field: snippet.field } },
    snippet.segments.map((s) => (s.hit ? el('mark', {}, s.text) : document.createTextNode(s.text))));
}

/**
 * A card renderer for the photo grid, reading each hit's explanation from `hits` (by image key).
 * @param {Map<string, SearchHit>} hits
 * @returns {(photo: import('../library/library-api.js').PhotoSummary, index: number, selected: boolean) => HTMLLIElement}
 */
export function hitCardRenderer(hits) {
  return (photo, index, selected) => {
    const card = createPhotoCard(photo, index, selected);
    const hit = hits.get(photo.imageKey);
    if (!hit) return card;
    card.classList.add('hit-card');
    if (hit.matched.length) {
      card.append(el('p', { class: 'hit-why', title: 'Why this photo: the signals that found it and its rank in each' },
        el('span', { class: 'visually-hidden' }, 'Found by '), explainMatch(hit.matched)));
    }
    const snippet = hit.snippets.find((s) => s.field === 'description') ?? hit.snippets.find((s) => s.field === 'title');
    if (snippet && snippet.segments.some((s) => s.hit)) card.append(renderSnippet(snippet));
    else if (hit.albumName) card.append(el('p', { class: 'hit-album muted' }, hit.albumName));
    return card;
  };
}
