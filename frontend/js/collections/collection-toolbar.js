import { el } from '../ui/dom.js';
import { createMenu } from '../ui/menu.js';
import { toastError } from '../ui/toast.js';
import { updateCollection } from './collections-api.js';
import { confirmDelete, openEditDialog } from './collection-forms.js';
import { createDownload } from './download.js';
import { openPublishDialog } from './publish-dialog.js';

// A collection's commands: sort, reorder mode, download (with progress),
// publish to SmugMug, and a menu for rename/describe, reset cover, delete.

/** @typedef {import('./collections-api.js').Collection} Collection */
/** @typedef {import('./collections-api.js').OrderMode} OrderMode */

const ORDERS = /** @type {const} */ ([['added', 'Date added'], ['captured', 'Capture date'], ['title', 'Title'], ['manual', 'My order']]);

/**
 * @param {{ id: number, signal: AbortSignal, onChanged: (c: Collection) => void, onDeleted: () => void, onReorderMode: (on: boolean) => void }} options
 */
export function createToolbar(options) {
  /** @type {Collection | null} */
  let collection = null;
  const sort = /** @type {HTMLSelectElement} */ (el('select', { name: 'order', 'aria-label': 'Order' },
    ...ORDERS.map(([value, label]) => el('option', { value }, label))));
  sort.addEventListener('change', async () => {
    try {
      options.onChanged(await updateCollection(options.id, { orderMode: /** @type {OrderMode} */ (sort.value) }));
    } catch (err) {
      toastError(err, 'Could not change the order');
    }
  });
  const reorderButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', 'aria-pressed': 'false', 'data-action': 'reorder' }, 'Reorder');
  reorderButton.addEventListener('click', () => {
    const on = reorderButton.getAttribute('aria-pressed') !== 'true';
    reorderButton.setAttribute('aria-pressed', String(on));
    reorderButton.textContent = on ? 'Done reordering' : 'Reorder';
    options.onReorderMode(on);
  });
  const download = createDownload(options.id);
  const publishButton = el('button', { type: 'button', class: 'btn btn--primary btn--small', 'data-action': 'publish' }, 'Publish to SmugMug…');
  publishButton.addEventListener('click', () => {
    if (collection) openPublishDialog(collection, options.onChanged);
  });
  const menu = createMenu({ label: 'More collection actions', text: 'More' });
  const hint = el('p', { class: 'muted small collection-toolbar__hint', hidden: true },
    'Drag photos, or focus one and press Alt+← / Alt+→ (or its arrow buttons) to move it.');
  const element = el('div', { class: 'collection-toolbar' },
    el('label', { class: 'collection-toolbar__sort' }, el('span', { class: 'small muted' }, 'Order'), sort),
    reorderButton, download.element, publishButton, menu.element, hint);
  reorderButton.addEventListener('click', () => {
    hint.hidden = reorderButton.getAttribute('aria-pressed') !== 'true';
  });

  return {
    element,
    /** @param {Collection} c */
    setCollection(c) {
      collection = c;
      sort.value = c.orderMode;
      publishButton.textContent = c.smugMug ? 'Publish again…' : 'Publish to SmugMug…';
      menu.setItems([
        { id: 'edit', label: 'Rename or describe…', run: () => openEditDialog(c, options.onChanged) },
        {
          id: 'reset-cover',
          label: 'Use the first photo as cover',
          disabled: !c.coverChosen,
          run: () => void updateCollection(c.id, { resetCover: true }).then(options.onChanged, (err) => toastError(err, 'Could not reset the cover')),
        },
        {
          id: 'delete',
          label: 'Delete collection…',
          danger: true,
          run: () => void confirmDelete(c).then((deleted) => deleted && options.onDeleted(), (err) => toastError(err, 'Could not delete')),
        },
      ]);
    },
    destroy: () => download.cancel(),
  };
}
