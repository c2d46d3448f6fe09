import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { addPhotos, createCollection, membership, removePhotos } from './collections-api.js';
import { ensureLoaded, getCollections, refresh } from './membership.js';

// The photo modal's collection pills: one toggle button per collection
// (aria-pressed says whether the photo is in it; Space/Enter toggle), plus a
// small form to create a collection holding this photo.

/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

/**
 * @param {HTMLElement} section
 * @param {PhotoDetail} photo
 * @returns {() => void} cleanup
 */
export function mountPills(section, photo) {
  const controller = new AbortController();
  const list = el('div', { class: 'pills', role: 'group', 'aria-label': 'Collections of this photo' });
  const message = el('p', { class: 'muted small', role: 'status' });
  const input = el('input', { type: 'text', name: 'collection', maxlength: '150', placeholder: 'New collection', 'aria-label': 'New collection name', autocomplete: 'off' });
  const form = el('form', { class: 'pills__new' }, input, el('button', { type: 'submit', class: 'btn btn--small btn--secondary' }, 'Create'));
  replaceChildren(section, el('h3', { class: 'photo-modal__heading' }, 'Collections'), list, form, message);

  /** @type {Set<number>} */
  let member = new Set();

  async function load() {
    try {
      await ensureLoaded();
      const result = await membership([photo.id], controller.signal);
      member = new Set(result.items[0]?.collectionIds ?? []);
      render();
    } catch (err) {
      if (!controller.signal.aborted) message.textContent = errorMessage(err);
    }
  }

  function render() {
    const collections = getCollections();
    if (!collections.length) {
      replaceChildren(list, el('span', { class: 'muted small' }, 'No collections yet.'));
      return;
    }
    replaceChildren(list, ...collections.map((c) => el('button', {
      type: 'button',
      class: ['pill', member.has(c.id) && 'pill--on'],
      'aria-pressed': String(member.has(c.id)),
      'data-collection-id': String(c.id),
      on: { click: () => void toggle(c.id, c.name) },
    }, c.name)));
  }

  /** @param {number} id @param {string} name */
  async function toggle(id, name) {
    const adding = !member.has(id);
    try {
      if (adding) await addPhotos(id, [photo.id]);
      else await removePhotos(id, [photo.id]);
      if (adding) member.add(id);
      else member.delete(id);
      message.textContent = adding ? `Added to “${name}”.` : `Removed from “${name}”.`;
      await refresh();
      render();
      /** @type {HTMLElement | null} */ (list.querySelector(`[data-collection-id="${id}"]`))?.focus();
    } catch (err) {
      message.textContent = errorMessage(err);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await createCollection(input.value, [photo.id]);
      member.add(created.id);
      input.value = '';
      message.textContent = `Created “${created.name}”.`;
      await refresh();
      render();
    } catch (err) {
      message.textContent = errorMessage(err);
    }
  });

  void load();
  return () => controller.abort();
}
