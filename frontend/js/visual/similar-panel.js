import { el, replaceChildren } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { getSimilar, visualStatus } from './visual-api.js';
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
  visualStatus().then((status) => (status.enabled ? getSimilar(photo.id, 8, controller.signal) : null)).then((result) => {
    if (controller.signal.aborted) return;
    if (result === null) {
      replaceChildren(body, el('p', { class: 'muted' }, 'Visual search is not set up (see Settings → Visual search).'));
      return;
    }
    if (result.items.length === 0) {
      replaceChildren(body, el('p', { class: 'muted' }, 'No similar photos yet.'));
      return;
    }
    replaceChildren(body, visualHits(result.items, { compact: true }),
      el('a', { href: `/visual?photo=${photo.id}`, 'data-close-modal': '' }, 'More like this'));
  }).catch((err) => {
    if (controller.signal.aborted) return;
    // 404: this photo is not embedded yet (a sync or "Embed library" will do it).
    const text = err instanceof ApiError && err.status === 404 ? 'Not analysed for visual search yet.' : errorMessage(err);
    replaceChildren(body, el('p', { class: 'muted' }, text));
  });
  return () => controller.abort();
}
