import { el, replaceChildren } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { getSimilar } from './visual-api.js';
import { visualHits } from './visual-hits.js';

// The photo modal's "Similar" strip (a plugin panel): the closest photos by
// picture content, and a link to see more.

/**
 * @param {HTMLElement} section
 * @param {import('../library/library-api.js').PhotoDetail} photo
 * @returns {() => void}
 */
export function mountSimilarPanel(section, photo) {
  const controller = new AbortController();
  const body = el('div', { class: 'visual-panel__body' }, el('p', { class: 'muted' }, 'Looking for similar photos…'));
  replaceChildren(section, el('h3', { class: 'photo-modal__slot-title' }, 'Similar'), body);
  getSimilar(photo.id, 8, controller.signal).then((result) => {
    if (result.items.length === 0) {
      replaceChildren(body, el('p', { class: 'muted' }, 'No similar photos yet.'));
      return;
    }
    replaceChildren(body, visualHits(result.items, { compact: true }),
      el('a', { href: `/visual?photo=${photo.id}`, 'data-close-modal': '' }, 'More like this'));
  }).catch((err) => {
    if (controller.signal.aborted) return;
    // 409: no model (say it once, quietly); 404: this photo is not embedded yet.
    const text = err instanceof ApiError && err.status === 409 ? 'Visual search is not set up (see Settings).'
      : err instanceof ApiError && err.status === 404 ? 'Not analysed for visual search yet.'
        : errorMessage(err);
    replaceChildren(body, el('p', { class: 'muted' }, text));
  });
  return () => controller.abort();
}
