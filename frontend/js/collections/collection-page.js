import { el, replaceChildren } from '../ui/dom.js';
import { plural } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { navigate } from '../router.js';
import { createPhotoGrid } from '../photos/photo-grid.js';
import { createPhotoCard } from '../photos/photo-card.js';
import { createSelectionBar } from '../photos/selection-bar.js';
import { collectionPhotos, getCollection, reorder, updateCollection } from './collections-api.js';
import { setOpenCollection } from './collections.js';
import { createToolbar } from './collection-toolbar.js';
import { createReorder } from './reorder.js';

// One collection: its photos on the shared grid (selection, modal, sort), drag
// or Alt+←/→ to reorder (stored as a manual order), and the toolbar's download
// and publish. Photos deleted on SmugMug stay, marked, until removed.

/** @typedef {import('./collections-api.js').Collection} Collection */
/** @typedef {import('./collections-api.js').CollectionPhoto} CollectionPhoto */

/**
 * @param {HTMLElement} container
 * @param {number} id
 * @param {import('../router.js').RouteContext} ctx
 * @returns {() => void}
 */
export function renderCollectionPage(container, id, ctx) {
  /** @type {Collection | null} */
  let collection = null;
  /** @type {CollectionPhoto[]} */
  let photos = [];
  const title = el('h1', { class: 'page-title' }, 'Collection');
  const subtitle = el('p', { class: 'page-subtitle', role: 'status' }, 'Loading…');
  const ordering = createReorder({
    save: async (ids) => {
      await reorder(id, ids);
      if (collection) collection.orderMode = 'manual';
      toolbar.setCollection(/** @type {Collection} */ (collection));
    },
    apply: (next) => show(/** @type {CollectionPhoto[]} */ (next)),
  });
  const grid = createPhotoGrid({ label: 'Photos of this collection', renderCard });
  const bar = createSelectionBar({ photos: grid.visible });
  const toolbar = createToolbar({
    id,
    signal: ctx.signal,
    onChanged: (updated) => {
      collection = updated;
      showHeader();
      void loadPhotos();
    },
    onDeleted: () => void navigate('/collections'),
    onReorderMode: (on) => {
      ordering.setEnabled(on);
      grid.setPhotos(photos);
    },
  });
  ordering.attach(grid.element);

  replaceChildren(container, el('div', { class: 'page collection-page' },
    el('a', { class: 'back-link', href: '/collections' }, '← Collections'),
    el('div', { class: 'page-header' }, title, subtitle),
    toolbar.element, bar.element, grid.element));

  /**
   * @param {import('../library/library-api.js').PhotoSummary} photo
   * @param {number} index
   * @param {boolean} selected
   */
  function renderCard(photo, index, selected) {
    const card = createPhotoCard(photo, index, selected);
    const p = /** @type {CollectionPhoto} */ (photo);
    if (p.removedOnSmugMug) {
      card.classList.add('photo-card--removed');
      card.append(el('p', { class: 'photo-card__hint' }, 'Removed on SmugMug'));
    }
    if (collection && p.photoId === collection.coverPhotoId) card.append(el('p', { class: 'photo-card__cover small' }, 'Cover'));
    ordering.decorate(card, index, photos.length);
    return card;
  }

  /** @param {CollectionPhoto[]} next */
  function show(next) {
    photos = next;
    ordering.setPhotos(next);
    grid.setPhotos(next);
  }

  function showHeader() {
    if (!collection) return;
    title.textContent = collection.name;
    document.title = `${collection.name} · Collections · TargetVision`;
    const parts = [plural(collection.photoCount, 'photo')];
    if (collection.removedCount) parts.push(`${collection.removedCount.toLocaleString()} removed on SmugMug`);
    if (collection.description) parts.push(collection.description);
    subtitle.textContent = parts.join(' • ');
    toolbar.setCollection(collection);
    setOpenCollection({ id, name: collection.name, onRemoved: () => void reload(), setCover });
  }

  /** @param {number} photoId */
  async function setCover(photoId) {
    collection = await updateCollection(id, { coverPhotoId: photoId });
    showHeader();
    grid.setPhotos(photos);
  }

  async function loadPhotos() {
    show(await collectionPhotos(id, ctx.signal));
  }

  async function reload() {
    try {
      collection = await getCollection(id, ctx.signal);
      showHeader();
      await loadPhotos();
    } catch (err) {
      if (!ctx.signal.aborted) subtitle.textContent = errorMessage(err);
    }
  }

  void reload();
  return () => {
    setOpenCollection(null);
    grid.destroy();
    bar.destroy();
    toolbar.destroy();
  };
}
