import { el } from '../ui/dom.js';
import { withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';
import { plural } from '../ui/format.js';
import { approvePhotos } from './processing-api.js';
import { openDescribeDialog } from './describe-dialog.js';
import { openSelectionSlideshow } from './slideshow.js';
import { clearSelection, currentPhotos, onSelectionChange, selectedPhotos } from './library-hooks.js';

// The album toolbar's AI actions, rendered into the Library's
// `[data-slot="album-actions"]`: describe the selection, the album or
// everything undescribed; approve the selection; pick photos in a slideshow.

/**
 * @typedef {Object} AlbumRef
 * @property {string} albumKey
 * @property {string} [title]
 * @property {boolean} [synced]
 */

/** Slots already filled, so a slot is never filled twice. */
const mounted = new WeakMap();

/**
 * Renders the AI actions into the album toolbar slot.
 * @param {HTMLElement} container the `[data-slot="album-actions"]` element
 * @param {AlbumRef} album
 * @returns {() => void} cleanup
 */
export function mountAlbumActions(container, album) {
  const previous = mounted.get(container);
  if (previous) previous();

  let disposed = false;

  const selectedButton = el('button', { type: 'button', class: 'btn btn--primary btn--small', disabled: true, dataset: { action: 'describe-selected' } }, 'Describe selected');
  const approveButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', disabled: true, dataset: { action: 'approve-selected' } }, 'Approve selected');
  const slideshowButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', dataset: { action: 'interactive-selection' } }, 'Select interactively…');
  const albumButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', dataset: { action: 'describe-album' } }, 'Describe album');
  const allButton = el('button', { type: 'button', class: 'btn btn--ghost btn--small', dataset: { action: 'describe-undescribed' } }, 'Describe all undescribed');
  const note = el('span', { class: 'album-ai__note muted small', 'aria-live': 'polite' });

  const root = el('div', { class: 'album-ai', role: 'group', 'aria-label': 'AI descriptions' },
    selectedButton, approveButton, slideshowButton, albumButton, allButton, note);
  container.append(root);

  function renderSelection() {
    const { photoIds, unsynced } = selectedPhotos();
    const n = photoIds.length;
    selectedButton.textContent = n ? `Describe selected (${n})` : 'Describe selected';
    selectedButton.disabled = n === 0;
    approveButton.textContent = n ? `Approve selected (${n})` : 'Approve selected';
    approveButton.disabled = n === 0;
    note.textContent = unsynced ? `${plural(unsynced, 'selected photo')} not synced ${unsynced === 1 ? 'is' : 'are'} left out.` : '';
  }
  const offSelection = onSelectionChange(renderSelection);
  renderSelection();

  selectedButton.addEventListener('click', async () => {
    const { photoIds } = selectedPhotos();
    if (!photoIds.length) return;
    const batch = await openDescribeDialog({ scope: 'photos', photoIds, label: plural(photoIds.length, 'selected photo') });
    if (batch) clearSelection();
  });

  approveButton.addEventListener('click', () => {
    const { photoIds } = selectedPhotos();
    if (!photoIds.length) return;
    void withBusy(approveButton, async () => {
      try {
        const answer = await approvePhotos(photoIds);
        // Photos without a description cannot be approved; the server says how many were.
        const approved = typeof answer?.approved === 'number' ? answer.approved : photoIds.length;
        toast.success(approved ? `${plural(approved, 'description')} approved.` : 'None of the selected photos has a description to approve.');
      } catch (err) {
        toastError(err, 'Could not approve the selection');
      }
    });
  });

  slideshowButton.addEventListener('click', () => {
    const photos = currentPhotos();
    if (!photos.length) {
      toast.info('There are no photos in this album to go through.');
      return;
    }
    void openSelectionSlideshow(photos).then((photoIds) => {
      if (!photoIds.length) return;
      void openDescribeDialog({ scope: 'photos', photoIds, label: plural(photoIds.length, 'selected photo') });
    });
  });

  albumButton.addEventListener('click', () => {
    void openDescribeDialog({ scope: 'album', albumKey: album.albumKey, label: album.title ? `“${album.title}”` : 'this album' });
  });

  allButton.addEventListener('click', () => {
    void openDescribeDialog({ scope: 'undescribed', label: 'all undescribed photos' });
  });

  const cleanup = () => {
    if (disposed) return;
    disposed = true;
    offSelection();
    root.remove();
    mounted.delete(container);
  };
  mounted.set(container, cleanup);
  return cleanup;
}
