import { toast, toastError } from '../ui/toast.js';
import { plural } from '../ui/format.js';
import { approvePhotos } from './processing-api.js';
import { openDescribeDialog } from './describe-dialog.js';
import { openSelectionSlideshow } from './slideshow.js';

// The AI commands the photo screens show: for an album (header: "Describe
// album…" as its primary, the rest in its menu) and for a selection (bar:
// "Describe selected (n)" as primary, "Approve selected" in its menu).

/** @typedef {import('../core/plugins.js').Action} Action */

/**
 * @param {import('../core/plugins.js').AlbumContext} context
 * @returns {Action[]}
 */
export function albumActions(context) {
  const { album } = context;
  const label = album.name ? `“${album.name}”` : 'this album';
  const describeAlbum = () => openDescribeDialog({ scope: 'album', albumKey: context.albumKey, label });
  return [
    album.synced ? {
      id: 'describe-album',
      label: 'Describe album…',
      primary: true,
      run: describeAlbum,
    } : {
      // Describing needs the synced copy; rather than a dead end, sync first and go on when it is there.
      id: 'sync-and-describe',
      label: 'Sync and describe…',
      run: async () => {
        toast.info('Syncing the album first; the describe dialog opens when the sync is done.');
        const synced = await context.sync();
        if (synced && !context.signal.aborted) await describeAlbum();
        else if (!synced) toast.warning('The album was not synced, so there is nothing to describe yet.');
      },
    },
    {
      id: 'interactive-selection',
      label: 'Select interactively…',
      run: async () => {
        const photos = context.photos();
        if (!photos.length) {
          toast.info('There are no photos in this album to go through.');
          return;
        }
        const photoIds = await openSelectionSlideshow(photos);
        if (photoIds.length) await openDescribeDialog({ scope: 'photos', photoIds, label: plural(photoIds.length, 'selected photo') });
      },
    },
    {
      id: 'describe-undescribed',
      label: 'Describe all undescribed…',
      run: () => openDescribeDialog({ scope: 'undescribed', label: 'all undescribed photos' }),
    },
  ].filter((a) => a !== null);
}

/**
 * @param {import('../core/plugins.js').SelectionContext} context
 * @returns {Action[]}
 */
export function selectionActions(context) {
  const count = (/** @type {import('../photos/selection.js').Selection} */ s) => s.photoIds.length;
  return [
    {
      id: 'describe-selected',
      primary: true,
      label: (s) => (count(s) ? `Describe selected (${count(s)})` : 'Describe selected'),
      enabled: (s) => count(s) > 0,
      run: async () => {
        const { photoIds } = context.selection.get();
        if (!photoIds.length) return;
        const batch = await openDescribeDialog({ scope: 'photos', photoIds, label: plural(photoIds.length, 'selected photo') });
        if (batch) context.selection.clear();
      },
    },
    {
      id: 'approve-selected',
      label: (s) => (count(s) ? `Approve selected (${count(s)})` : 'Approve selected'),
      enabled: (s) => count(s) > 0,
      run: async () => {
        const { photoIds } = context.selection.get();
        try {
          const answer = await approvePhotos(photoIds);
          // Photos without a description cannot be approved; the server says how many were.
          const approved = typeof answer?.approved === 'number' ? answer.approved : photoIds.length;
          toast.success(approved ? `${plural(approved, 'description')} approved.` : 'None of the selected photos has a description to approve.');
        } catch (err) {
          toastError(err, 'Could not approve the selection');
        }
      },
    },
  ];
}
