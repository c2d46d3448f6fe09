import { el } from '../ui/dom.js';
import { isPhotoMarked } from '../core/plugins.js';
import { statusIcon } from './status-icons.js';

// One photo in a photo grid (album, search results, chat answers, collections). Cards only build and update their own DOM;
// clicks and keys are handled by the grid through event delegation (an album
// can hold thousands of photos).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoStatus} PhotoStatus */

/**
 * Label and whether clicking the badge asks for a description.
 * @type {Record<PhotoStatus, { label: string, action?: string }>}
 */
export const STATUS_META = {
  not_synced: { label: 'Not synced' },
  not_processed: { label: 'Not described yet', action: 'Describe this photo' },
  queued: { label: 'Queued for description' },
  processing: { label: 'Being described' },
  completed: { label: 'Described' },
  failed: { label: 'Description failed', action: 'Retry the description' },
};

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
 * The status badge: a button when clicking it starts work (describe, retry), plain text otherwise.
 * @param {PhotoSummary} photo
 * @param {{ interactive?: boolean }} [options] interactive: false always gives the plain version (e.g. in the modal)
 * @returns {HTMLElement}
 */
export function statusBadge(photo, options = {}) {
  const meta = STATUS_META[photo.status] ?? STATUS_META.not_synced;
  const label = photo.status === 'failed' && photo.statusError ? `${meta.label}: ${photo.statusError}` : meta.label;
  const common = {
    class: ['status-badge', `status-badge--${photo.status}`],
    title: meta.action ? `${label} — ${meta.action.toLowerCase()}` : label,
    dataset: { status: photo.status },
  };
  const glyph = statusIcon(STATUS_META[photo.status] ? photo.status : 'not_synced');
  if (meta.action && options.interactive !== false) {
    return el('button', {
      ...common,
      type: 'button',
      tabindex: '-1',
      'data-roving': '',
      'data-action': 'describe',
      'aria-label': `${label}. ${meta.action}`,
    }, glyph);
  }
  return el('span', { ...common, role: 'img', 'aria-label': label }, glyph);
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
 * Applies a new status to an existing card without rebuilding it (keeps focus and image).
 * @param {HTMLElement} card
 * @param {PhotoSummary} photo
 */
export function updateCardStatus(card, photo) {
  card.dataset.status = photo.status;
  const slot = card.querySelector('.photo-card__badge-slot');
  if (!slot) return;
  const hadFocus = slot.contains(document.activeElement);
  const previous = slot.querySelector('[data-roving]');
  const badge = statusBadge(photo);
  // Keep the roving tab stop where it was.
  if (previous && previous.getAttribute('tabindex') === '0' && badge.hasAttribute('data-roving')) badge.setAttribute('tabindex', '0');
  slot.replaceChildren(badge);
  if (hadFocus) {
    const focusTarget = /** @type {HTMLElement | null} */ (badge.hasAttribute('data-roving') ? badge : card.querySelector('[data-role="focus"]'));
    focusTarget?.focus();
  }
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
