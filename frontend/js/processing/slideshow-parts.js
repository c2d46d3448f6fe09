import { el, replaceChildren } from '../ui/dom.js';
import { statusInfo } from './format.js';
import { largeImageUrl } from './library-hooks.js';

// The interactive-selection slideshow's pure parts: which key does what, the
// photo facts it shows, the tallies it announces, and the stage it paints.

/** @typedef {import('./library-hooks.js').LibraryPhoto} LibraryPhoto */
/** @typedef {'selected' | 'skipped' | undefined} Decision */

/**
 * What a key press asks for, or null when the slideshow leaves it alone.
 * @param {KeyboardEvent} event
 * @param {HTMLElement | null} backdrop
 * @returns {'selected' | 'skipped' | 'next' | 'previous' | null}
 */
export function keyAction(event, backdrop) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return null;
  if (backdrop?.inert) return null;
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.matches('input, textarea, select')) return null;
  // Space is also kept from "clicking" a focused button (the caller prevents the default).
  if (event.key === ' ' || event.key === 'Spacebar') return 'selected';
  if (event.key === 'x' || event.key === 'X') return 'skipped';
  if (event.key === 'ArrowRight') return 'next';
  if (event.key === 'ArrowLeft') return 'previous';
  return null;
}

/** @param {LibraryPhoto} photo */
export function synced(photo) {
  return photo.photoId !== null && photo.photoId !== undefined && photo.status !== 'not_synced';
}

/** @param {LibraryPhoto} photo */
export function nameOf(photo) {
  return photo.title || photo.fileName || 'Untitled';
}

/**
 * Ids of the synced photos marked selected, in album order.
 * @param {LibraryPhoto[]} photos
 * @param {Map<string, Decision>} decisions
 */
export function selectedIds(photos, decisions) {
  return photos
    .filter((p) => decisions.get(p.imageKey) === 'selected' && synced(p))
    .map((p) => /** @type {import('./library-hooks.js').PhotoId} */ (p.photoId));
}

/**
 * "2 selected, 1 skipped, 5 undecided."
 * @param {number} total
 * @param {Map<string, Decision>} decisions
 */
export function summaryText(total, decisions) {
  let selected = 0;
  let skipped = 0;
  for (const d of decisions.values()) {
    if (d === 'selected') selected += 1;
    else if (d === 'skipped') skipped += 1;
  }
  const left = total - selected - skipped;
  return `${selected} selected, ${skipped} skipped, ${left} undecided.`;
}

/**
 * Paints the stage: image (or placeholder), decision badge, caption.
 * @param {{ image: HTMLImageElement, placeholder: HTMLElement, decisionBadge: HTMLElement, caption: HTMLElement }} stage
 * @param {LibraryPhoto} photo
 * @param {Decision} decision
 */
export function showPhoto({ image, placeholder, decisionBadge, caption }, photo, decision) {
  const url = largeImageUrl(photo);
  image.hidden = !url;
  placeholder.hidden = Boolean(url);
  if (url && image.getAttribute('src') !== url) image.src = url;
  image.alt = nameOf(photo);
  decisionBadge.textContent = decision === 'selected' ? '✓ Selected' : decision === 'skipped' ? 'Skipped' : '';
  decisionBadge.className = `slideshow__decision${decision ? ` slideshow__decision--${decision}` : ''}`;
  const status = synced(photo) ? photo.status : 'not_synced';
  replaceChildren(caption,
    el('span', { class: 'slideshow__title' }, nameOf(photo)),
    el('span', { class: 'slideshow__status' }, `${statusInfo(status).symbol} ${statusInfo(status).label}`),
  );
}

/**
 * Warm the browser cache for the next photo so stepping through feels instant.
 * @param {LibraryPhoto | undefined} next
 */
export function preload(next) {
  const url = next && largeImageUrl(next);
  if (url) {
    const img = new Image();
    img.src = url;
  }
}
