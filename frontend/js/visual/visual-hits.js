import { el } from '../ui/dom.js';

// Thumbnails of visually similar photos with their similarity; each opens the
// "more like this" page for that photo.

/**
 * @param {import('./visual-api.js').VisualHit[]} hits
 * @param {{ compact?: boolean }} [options]
 * @returns {HTMLElement}
 */
export function visualHits(hits, options = {}) {
  const list = el('ul', { class: options.compact ? 'visual-strip' : 'visual-grid' });
  for (const hit of hits) {
    const name = hit.title || hit.fileName || hit.imageKey;
    const percent = `${Math.round(hit.similarity * 100)} % similar`;
    list.append(el('li', { class: 'visual-hit' },
      el('a', { href: `/visual?photo=${hit.photoId}`, 'data-close-modal': '', title: `${name} — ${percent}` },
        el('img', { src: hit.thumbnailUrl, alt: name, loading: 'lazy', width: 150, height: 150 }),
        options.compact ? null : el('span', { class: 'visual-hit__name' }, name),
        el('span', { class: 'visual-hit__score' }, percent))));
  }
  return list;
}
