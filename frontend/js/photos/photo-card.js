import { el } from '../ui/dom.js';
import { isPhotoMarked } from '../core/plugins.js';
import { statusIcon } from './status-icons.js';
import { statusBadge } from './card-status.js';

// The status parts lived here first; code on other branches still imports them from this module.
export { STATUS_META, statusBadge, updateCardStatus } from './card-status.js';

// One photo in a photo grid (album, search results, chat answers, collections). Cards only build and update their own DOM;
// clicks and keys are handled by the grid through event delegation (an album
// can hold thousands of photos).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */

/**
 * The name people recognise: title, else file name, else "Untitled".
 * @param {{ title?: string | null, fileName?: string | null }} photo
 */
export function photoName(photo) {
  return (photo.title && photo.title.trim()) || (photo.fileName && photo.fileName.trim()) || 'Untitled';
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A magnifier; dom.js has no such icon and this is the only user.
 * @returns {SVGSVGElement}
 */
function magnifier() {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(SVG_NS, 'path');
  p.setAttribute('d', 'M10.5 17.5a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20.5 20.5l-5-5M10.5 7.5v6M7.5 10.5h6');
  svg.append(p);
  return svg;
}

/**
 * @param {PhotoSummary} photo
 * @param {number} index position in the grid (used by the grid's delegation)
 * @param {boolean} selected
 * @returns {HTMLLIElement}
 */
export function createPhotoCard(photo, index, selected) {
  const name = photoName(photo);
  const unsynced = photo.status === 'not_synced';
  const image = photo.thumbnailUrl
    ? el('img', {
      class: 'photo-card__img',
      src: photo.thumbnailUrl,
      alt: '',
      loading: 'lazy',
      decoding: 'async',
      draggable: 'false',
    })
    : el('span', { class: 'photo-card__img photo-card__img--none', 'aria-hidden': 'true' });
  if (image instanceof HTMLImageElement) {
    // A broken image becomes the neutral placeholder instead of the browser's icon.
    image.addEventListener('error', () => image.classList.add('is-broken'), { once: true });
  }

  const checkbox = el('input', {
    type: 'checkbox',
    class: 'photo-card__checkbox',
    tabindex: '-1',
    'data-roving': '',
    'data-role': 'focus',
    checked: selected,
    'aria-label': `Select ${name}`,
  });

  const card = el('li', {
    class: ['photo-card', unsynced && 'photo-card--unsynced', selected && 'is-selected'],
    dataset: { index, imageKey: photo.imageKey, status: photo.status },
  },
  el('div', { class: 'photo-card__media' },
    image,
    el('span', { class: 'photo-card__check' }, checkbox),
    el('button', {
      type: 'button',
      class: 'photo-card__zoom',
      tabindex: '-1',
      'data-roving': '',
      'data-action': 'open',
      'aria-label': `Open ${name}`,
      title: 'Open',
    }, magnifier()),
    el('span', { class: 'photo-card__badge-slot' }, statusBadge(photo)),
    photo.inCollection || isPhotoMarked(photo) ? star() : null,
  ),
  el('p', { class: 'photo-card__name', title: name }, name),
  unsynced ? el('p', { class: 'photo-card__hint' }, 'Sync this album to describe and search it') : null,
  );
  return card;
}

/** The "in a collection" mark. */
const star = () => el('span', { class: 'photo-card__star', role: 'img', 'aria-label': 'In a collection', title: 'In a collection' }, statusIcon('star'));

/**
 * Shows or hides the "in a collection" mark on an existing card.
 * @param {HTMLElement} card
 * @param {PhotoSummary} photo
 */
export function updateCardMark(card, photo) {
  const marked = Boolean(photo.inCollection) || isPhotoMarked(photo);
  const current = card.querySelector('.photo-card__star');
  if (marked && !current) card.querySelector('.photo-card__media')?.append(star());
  if (!marked) current?.remove();
}

/**
 * @param {HTMLElement} card
 * @param {boolean} selected
 */
export function setCardSelected(card, selected) {
  card.classList.toggle('is-selected', selected);
  const box = /** @type {HTMLInputElement | null} */ (card.querySelector('.photo-card__checkbox'));
  if (box) box.checked = selected;
}
