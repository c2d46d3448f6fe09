import { el } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { applyFieldErrors, field } from '../ui/forms.js';
import { plural } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { errorMessage } from '../api.js';
import { addPhotos, createCollection } from './collections-api.js';
import { ensureLoaded, getCollections, refresh } from './membership.js';

// "Add to collection": pick an existing collection or name a new one, right
// there. Radio buttons keep it keyboard-friendly (arrows move, Enter adds).

const NEW = 'new';

/**
 * @param {(number | string)[]} photoIds synced photos only
 * @returns {Promise<void>} settles when the dialog closes
 */
export async function openAddDialog(photoIds) {
  try {
    await ensureLoaded();
  } catch (err) {
    toast.error(errorMessage(err), { title: 'Collections could not be loaded' });
    return;
  }
  const collections = getCollections();
  const name = field({ label: 'New collection name', name: 'name', attrs: { maxlength: '150', autocomplete: 'off' } });
  const status = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
  const option = (/** @type {string} */ value, /** @type {string} */ label, /** @type {boolean} */ checked) => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: 'target', value, checked }), el('span', null, label));
  const choices = el('fieldset', { class: 'choices' },
    el('legend', { class: 'field__label' }, 'Add to'),
    ...collections.map((c, i) => option(String(c.id), `${c.name} (${plural(c.photoCount, 'photo')})`, i === 0)),
    option(NEW, 'A new collection', collections.length === 0));
  const form = el('form', { class: 'stack', novalidate: true }, choices, name.element, status);
  const target = () => /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="target"]:checked'))?.value ?? NEW;
  const sync = () => {
    name.element.hidden = target() !== NEW;
  };
  choices.addEventListener('change', () => {
    sync();
    if (target() === NEW) name.control.focus();
  });
  sync();

  return new Promise((resolve) => {
    const handle = openModal({
      title: `Add ${plural(photoIds.length, 'photo')} to a collection`,
      content: form,
      onClose: () => resolve(),
      actions: [
        { label: 'Cancel', variant: 'ghost' },
        { label: 'Add', variant: 'primary', onClick: (close) => submit(close) },
      ],
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(handle.close);
    });
    (target() === NEW ? name.control : /** @type {HTMLElement} */ (form.querySelector('input:checked')))?.focus();
  });

  /** @param {() => void} close */
  async function submit(close) {
    status.hidden = true;
    try {
      if (target() === NEW) {
        const created = await createCollection(/** @type {HTMLInputElement} */ (name.control).value, photoIds);
        toast.success(`Created “${created.name}” with ${plural(created.photoCount, 'photo')}.`);
      } else {
        const id = Number(target());
        const result = await addPhotos(id, photoIds);
        const label = collections.find((c) => c.id === id)?.name ?? 'the collection';
        toast.success(result.changed === 0 ? `Already in “${label}”.` : `Added ${plural(result.changed, 'photo')} to “${label}”.`);
      }
      close();
      await refresh();
    } catch (err) {
      if (!applyFieldErrors(err, { name })) {
        status.textContent = errorMessage(err);
        status.hidden = false;
      }
    }
  }
}
