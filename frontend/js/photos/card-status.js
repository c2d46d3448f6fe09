import { el } from '../ui/dom.js';
import { statusIcon } from './status-icons.js';

// A card's status badge: what each photo status is called, the badge (a
// button when clicking it starts work), and swapping the badge on a live
// status change without rebuilding the card. The photo modal shows the same
// badge (non-interactive), so it lives apart from the card's skeleton.

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
