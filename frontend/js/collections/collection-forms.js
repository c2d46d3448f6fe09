import { el } from '../ui/dom.js';
import { openModal, confirmDialog } from '../ui/modal.js';
import { applyFieldErrors, field } from '../ui/forms.js';
import { toast } from '../ui/toast.js';
import { errorMessage } from '../api.js';
import { createCollection, deleteCollection, updateCollection } from './collections-api.js';
import { refresh } from './membership.js';

// Small forms of the Collections screens: create (inline), rename/describe (dialog), delete (confirm).

/** @typedef {import('./collections-api.js').Collection} Collection */

/**
 * @param {() => void} onCreated
 * @returns {HTMLFormElement}
 */
export function newCollectionForm(onCreated) {
  const name = field({ label: 'New collection', name: 'name', attrs: { maxlength: '150', autocomplete: 'off', placeholder: 'e.g. Barns for the client' } });
  const button = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Create');
  const form = /** @type {HTMLFormElement} */ (el('form', { class: 'inline-form', novalidate: true }, name.element, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await createCollection(/** @type {HTMLInputElement} */ (name.control).value);
      /** @type {HTMLInputElement} */ (name.control).value = '';
      toast.success(`Created “${created.name}”.`);
      onCreated();
      void refresh().catch(() => undefined);
    } catch (err) {
      if (!applyFieldErrors(err, { name })) name.setError(errorMessage(err));
    }
  });
  return form;
}

/**
 * @param {Collection} collection
 * @param {(updated: Collection) => void} onSaved
 */
export function openEditDialog(collection, onSaved) {
  const name = field({ label: 'Name', name: 'name', attrs: { maxlength: '150', value: collection.name, autocomplete: 'off' } });
  const description = field({
    label: 'Description', name: 'description',
    control: el('textarea', { rows: '3', maxlength: '2000' }, collection.description ?? ''),
  });
  openModal({
    title: 'Rename or describe',
    content: el('form', { class: 'stack', novalidate: true }, name.element, description.element),
    actions: [
      { label: 'Cancel', variant: 'ghost' },
      {
        label: 'Save',
        variant: 'primary',
        onClick: async (close) => {
          try {
            const updated = await updateCollection(collection.id, {
              name: /** @type {HTMLInputElement} */ (name.control).value,
              description: /** @type {HTMLTextAreaElement} */ (description.control).value,
            });
            close();
            onSaved(updated);
            void refresh().catch(() => undefined);
          } catch (err) {
            if (!applyFieldErrors(err, { name, description })) name.setError(errorMessage(err));
          }
        },
      },
    ],
  });
}

/**
 * @param {Collection} collection
 * @returns {Promise<boolean>} true when deleted
 */
export async function confirmDelete(collection) {
  const ok = await confirmDialog({
    title: 'Delete collection?',
    message: `“${collection.name}” will be deleted. Its photos stay in your library${collection.smugMug ? ' and the SmugMug album stays on SmugMug' : ''}.`,
    confirmLabel: 'Delete',
    danger: true,
  });
  if (!ok) return false;
  await deleteCollection(collection.id);
  toast.success(`Deleted “${collection.name}”.`);
  void refresh().catch(() => undefined);
  return true;
}
