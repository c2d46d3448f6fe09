import { registerPlugin } from '../core/plugins.js';
import { plural } from '../ui/format.js';
import { toast, toastError } from '../ui/toast.js';
import { removePhotos } from './collections-api.js';
import { openAddDialog } from './add-dialog.js';
import { ensureLoaded, isCollected, refresh } from './membership.js';
import { mountPills } from './pills-panel.js';

// Plugs collections into every photo screen through the one plugin mechanism:
// "Add to collection…" on the selection bar (album grid, search results, chat
// answers, a collection's own grid), the membership pills in the photo modal,
// and the star on cards of photos that are in any collection.

/** @typedef {import('../core/plugins.js').SelectionContext} SelectionContext */
/** @typedef {import('../core/plugins.js').Action} Action */

/** The collection page that is open, so its selection bar can offer "Remove from …". */
/** @typedef {{ id: number, name: string, onRemoved: () => void, setCover: (photoId: number) => Promise<void> }} OpenCollection */
/** @type {OpenCollection | null} */
let openCollection = null;

/** @param {OpenCollection | null} current */
export function setOpenCollection(current) {
  openCollection = current;
}

let initialised = false;

/** Wires the feature into the shell. Call once at boot; later calls do nothing. */
export function initCollections() {
  if (initialised) return;
  initialised = true;
  registerPlugin({
    name: 'collections',
    photoPanel: { label: 'Collections', mount: mountPills },
    selectionActions,
    marksPhoto: isCollected,
  });
}

/** Loads the membership marks once someone is signed in (the shell calls it after sign-in). */
export function loadCollectionMarks() {
  void ensureLoaded().catch(() => undefined);
}

/**
 * @param {SelectionContext} context
 * @returns {Action[]}
 */
function selectionActions(context) {
  /** @type {Action[]} */
  const actions = [{
    id: 'add-to-collection',
    label: (sel) => (sel.photoIds.length ? `Add ${sel.photoIds.length.toLocaleString()} to collection…` : 'Add to collection…'),
    enabled: (sel) => sel.photoIds.length > 0,
    run: () => openAddDialog(context.selection.get().photoIds),
  }];
  const current = openCollection;
  if (current) {
    actions.push({
      id: 'remove-from-collection',
      label: (sel) => `Remove ${sel.photoIds.length.toLocaleString()} from “${current.name}”`,
      enabled: (sel) => sel.photoIds.length > 0,
      run: async () => {
        const ids = context.selection.get().photoIds;
        try {
          await removePhotos(current.id, ids);
          context.selection.clear();
          toast.success(`Removed ${plural(ids.length, 'photo')} from “${current.name}”.`);
          current.onRemoved();
          await refresh();
        } catch (err) {
          toastError(err, 'Could not remove the photos');
        }
      },
    }, {
      id: 'set-cover',
      label: 'Use as cover',
      enabled: (sel) => sel.photoIds.length === 1,
      run: async () => {
        try {
          await current.setCover(Number(context.selection.get().photoIds[0]));
          toast.success(`Cover of “${current.name}” changed.`);
        } catch (err) {
          toastError(err, 'Could not change the cover');
        }
      },
    });
  }
  return actions;
}
