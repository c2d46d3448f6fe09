import { el, icon } from '../ui/dom.js';
import { getPlugins } from '../core/plugins.js';
import { photoUrls } from '../library/photos-api.js';
import { photoName } from './photo-card.js';
import { photoActions, photoFacts } from './photo-facts.js';

// The photo modal's content: the image with ←/→ below it, and the side with
// the download actions, one section per plugin panel, and the facts.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

/** @param {PhotoSummary} p */
export const isSynced = (p) => p.photoId !== null && p.photoId !== undefined && p.status !== 'not_synced';

/**
 * Previous / "3 of 8" / next.
 * @param {number} current
 * @param {number} count
 * @param {(step: number) => void} move
 */
export function modalNavigation(current, count, move) {
  const button = (/** @type {'prev' | 'next'} */ which) => el('button', {
    type: 'button', class: `photo-modal__nav photo-modal__nav--${which} icon-btn`, 'data-nav': which,
    'aria-label': which === 'prev' ? 'Previous photo' : 'Next photo', title: which === 'prev' ? 'Previous (←)' : 'Next (→)',
    disabled: which === 'prev' ? current === 0 : current >= count - 1,
    on: { click: () => move(which === 'prev' ? -1 : 1) },
  }, icon('chevron', which === 'prev' ? 'icon icon--flip' : 'icon'));
  const position = el('span', { class: 'photo-modal__position muted small' }, `${(current + 1).toLocaleString()} of ${count.toLocaleString()}`);
  return el('div', { class: 'photo-modal__navbar' }, button('prev'), position, button('next'));
}

/**
 * @param {PhotoSummary} summary
 * @param {PhotoDetail | null} detail
 * @param {{ pending: boolean, nav: HTMLElement, onViewFull: (src: string, alt: string) => void }} options
 */
export function modalLayout(summary, detail, options) {
  const name = photoName(detail ?? summary);
  const synced = isSynced(summary);
  const id = /** @type {number | string} */ (detail?.id ?? summary.photoId);
  const size = { width: detail?.width ?? summary.width, height: detail?.height ?? summary.height };
  // A size that exists for this photo (SmugMug never upscales), not a fixed one that 404s for small photos. From the
  // local copy only the cached thumbnail (if any) can be shown: larger sizes would have to come from SmugMug.
  const offline = Boolean(summary.offline);
  const src = synced && !offline ? photoUrls.display(id, size.width, size.height) : summary.thumbnailUrl;
  /** @type {HTMLElement} */
  let figure = src
    ? el('img', { class: 'photo-modal__img', src, alt: name, decoding: 'async' })
    : el('div', { class: 'photo-modal__img photo-modal__img--none', role: 'img', 'aria-label': 'No preview' });
  if (src && synced && !offline) {
    figure = el('button', { type: 'button', class: 'photo-modal__image-button', 'aria-label': `${name} — view full screen`, title: 'Click for full screen' }, figure);
    figure.addEventListener('click', () => options.onViewFull(detail?.largestUrl || photoUrls.image(id, 'largest'), name));
  }
  const side = el('div', { class: 'photo-modal__side' },
    synced ? photoActions(id, detail, size) : el('p', { class: 'photo-modal__hint' }, 'This photo is not synced yet. Sync its album to describe, search and collect it.'),
    offline ? el('p', { class: 'photo-modal__hint photo-modal__offline', 'data-testid': 'photo-offline' },
      'The full-size photo is on SmugMug, which is not available right now; the description and details come from your synced copy.') : null,
    options.pending ? el('p', { class: 'muted small', role: 'status' }, 'Loading details…') : null,
    // One section per plugin panel, filled once the details are there; before the facts, so the description and
    // its edit form (with Save) stay within a laptop screen.
    getPlugins().filter((p) => p.photoPanel).map((p) => el('section', { class: 'photo-modal__slot', 'data-slot': p.name, 'aria-label': p.photoPanel?.label })),
    photoFacts(summary, detail),
  );
  return el('div', { class: 'photo-modal__grid' }, el('div', { class: 'photo-modal__stage' }, figure, options.nav), side);
}
