import { el } from '../ui/dom.js';
import { getEmbeddingStats } from './visual-api.js';
import { modelNotice } from './model-status.js';

// The Search page's way into visual search: search by example and the
// duplicate finder, or how to install the model when there is none.

/**
 * @param {HTMLElement} container
 * @param {AbortSignal} signal
 */
export function mountVisualEntry(container, signal) {
  const box = el('section', { class: 'card visual-entry', 'aria-label': 'Visual search' },
    el('h2', {}, 'Visual search'),
    el('p', {}, el('a', { href: '/visual' }, 'Search by example'), ' · ', el('a', { href: '/duplicates' }, 'Find near-duplicates')));
  container.append(box);
  getEmbeddingStats(signal).then((stats) => {
    if (!stats.status.enabled) box.append(modelNotice(stats.status));
  }).catch(() => { /* the links still work; their pages explain errors */ });
}
