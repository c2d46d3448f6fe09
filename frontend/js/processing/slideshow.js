import { el } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { plural } from '../ui/format.js';
import { keyAction, nameOf, preload, selectedIds as chosenIds, showPhoto, summaryText as tally, synced } from './slideshow-parts.js';

// Interactive selection: a full-screen slideshow over the album's photos where
// Space selects, X skips, ←/→ move and Esc leaves. It is a modal dialog (focus
// trap, inert page, focus restored on exit) so the keys cannot leak to the album
// behind it; decisions are announced through a live region.

/** @typedef {import('./library-hooks.js').LibraryPhoto} LibraryPhoto */
/** @typedef {import('./slideshow-parts.js').Decision} Decision */

/**
 * Opens the slideshow.
 * @param {LibraryPhoto[]} photos in album order
 * @returns {Promise<import('./library-hooks.js').PhotoId[]>} ids of the photos chosen for describing; empty when the user left without choosing
 */
export function openSelectionSlideshow(photos) {
  return new Promise((resolve) => {
    /** @type {Map<string, Decision>} by imageKey */
    const decisions = new Map();
    let index = 0;
    /** @type {import('./library-hooks.js').PhotoId[]} */
    let result = [];

    const image = el('img', { class: 'slideshow__image', alt: '', decoding: 'async' });
    const placeholder = el('div', { class: 'slideshow__placeholder', hidden: true }, 'No preview');
    const decisionBadge = el('span', { class: 'slideshow__decision', 'aria-hidden': 'true' });
    const caption = el('figcaption', { class: 'slideshow__caption' });
    const position = el('p', { class: 'slideshow__position' });
    const counts = el('p', { class: 'slideshow__counts' });
    const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

    const prevButton = el('button', { type: 'button', class: 'btn btn--secondary', 'aria-keyshortcuts': 'ArrowLeft', on: { click: () => move(-1) } }, '← Previous');
    const skipButton = el('button', { type: 'button', class: 'btn btn--secondary', 'aria-keyshortcuts': 'X', on: { click: () => decide('skipped') } }, 'Skip (X)');
    const selectButton = el('button', { type: 'button', class: 'btn btn--primary', 'aria-keyshortcuts': 'Space', 'aria-pressed': 'false', on: { click: () => decide('selected') } }, 'Select (Space)');
    const nextButton = el('button', { type: 'button', class: 'btn btn--secondary', 'aria-keyshortcuts': 'ArrowRight', on: { click: () => move(1) } }, 'Next →');
    const describeButton = el('button', { type: 'button', class: 'btn btn--primary', disabled: true, on: { click: finish } }, 'Describe 0 selected');
    const exitButton = el('button', { type: 'button', class: 'btn btn--ghost', 'aria-keyshortcuts': 'Escape', on: { click: () => modal.close() } }, 'Exit (Esc)');

    const content = el('div', { class: 'slideshow' },
      el('figure', { class: 'slideshow__stage' }, image, placeholder, decisionBadge, caption),
      el('div', { class: 'slideshow__controls', role: 'group', 'aria-label': 'Choose photos' }, prevButton, skipButton, selectButton, nextButton),
      el('div', { class: 'slideshow__summary' }, position, counts),
      el('p', { class: 'slideshow__help small' }, 'Space selects · X skips · ← → move · Esc exits'),
      el('div', { class: 'button-row slideshow__finish' }, exitButton, describeButton),
      live,
    );

    const modal = openModal({
      title: 'Interactive selection',
      content,
      size: 'large',
      onClose: () => {
        document.removeEventListener('keydown', onKeydown);
        resolve(result);
      },
    });
    modal.element.classList.add('slideshow-dialog');
    const backdrop = modal.element.parentElement;
    backdrop?.classList.add('slideshow-backdrop');
    // Listening on the document keeps the keys working even when focus fell to <body>;
    // an inert backdrop means another dialog is on top and owns the keyboard.
    document.addEventListener('keydown', onKeydown);

    /** @param {KeyboardEvent} event */
    function onKeydown(event) {
      const action = keyAction(event, backdrop);
      if (!action) return;
      event.preventDefault();
      if (action === 'next') move(1);
      else if (action === 'previous') move(-1);
      else decide(action);
    }

    /** @param {number} delta */
    function move(delta) {
      const next = Math.min(Math.max(index + delta, 0), photos.length - 1);
      if (next === index) {
        live.textContent = delta > 0 ? `Last photo. ${summaryText()}` : 'First photo.';
        return;
      }
      index = next;
      render(true);
    }

    /** @param {'selected' | 'skipped'} kind */
    function decide(kind) {
      const photo = photos[index];
      if (!photo) return;
      if (kind === 'selected' && !synced(photo)) {
        live.textContent = `${nameOf(photo)} is not synced and cannot be described. Sync the album first.`;
        return;
      }
      // Space on an already selected photo takes it back out, so a slip of the finger is one key to undo.
      const undo = kind === 'selected' && decisions.get(photo.imageKey) === 'selected';
      decisions.set(photo.imageKey, undo ? undefined : kind);
      const word = undo ? 'Unselected' : kind === 'selected' ? 'Selected' : 'Skipped';
      const atEnd = index === photos.length - 1;
      if (!undo && !atEnd) index += 1;
      render(false);
      live.textContent = `${word}: ${nameOf(photo)}. ${summaryText()}${atEnd && !undo ? ' That was the last photo.' : ''}`;
      if (atEnd && !undo && selectedIds().length) describeButton.focus();
    }

    function selectedIds() { return chosenIds(photos, decisions); }
    function summaryText() { return tally(photos.length, decisions); }

    /** @param {boolean} announce whether to read out the new photo (navigation) */
    function render(announce) {
      const photo = photos[index];
      if (!photo) return;
      const decision = decisions.get(photo.imageKey);
      showPhoto({ image, placeholder, decisionBadge, caption }, photo, decision);
      position.textContent = `Photo ${index + 1} of ${photos.length}`;
      counts.textContent = summaryText();
      selectButton.setAttribute('aria-pressed', String(decision === 'selected'));
      // aria-disabled rather than disabled: a disabled button would drop keyboard focus to <body>.
      selectButton.setAttribute('aria-disabled', String(!synced(photo)));
      prevButton.disabled = index === 0;
      nextButton.disabled = index === photos.length - 1;
      const n = selectedIds().length;
      describeButton.textContent = `Describe ${n} selected`;
      describeButton.disabled = n === 0;
      if (announce) live.textContent = `Photo ${index + 1} of ${photos.length}: ${nameOf(photo)}${decision ? `, ${decision}` : ''}.`;
      preload(photos[index + 1]);
    }

    function finish() {
      result = selectedIds();
      if (!result.length) return;
      modal.close();
    }

    render(false);
    live.textContent = `${plural(photos.length, 'photo')}. Space selects, X skips, arrow keys move, Escape exits.`;
    selectButton.focus();
  });
}