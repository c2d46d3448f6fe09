import { el, replaceChildren } from '../ui/dom.js';
import { plural, timeAgo } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { path } from '../router.js';
import { listCollections } from './collections-api.js';
import { newCollectionForm } from './collection-forms.js';

// The Collections page: a grid of collections with their cover, photo count
// and last change, and an inline form to start a new one.

/** @typedef {import('./collections-api.js').Collection} Collection */

/**
 * @param {HTMLElement} container
 * @param {import('../router.js').RouteContext} ctx
 */
export function renderCollectionList(container, ctx) {
  const grid = el('ul', { class: 'collection-grid', 'aria-label': 'Collections', 'data-testid': 'collection-grid' });
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading collections…');
  const form = newCollectionForm(() => void load());
  replaceChildren(container, el('div', { class: 'page collections-page' },
    el('div', { class: 'page-header' },
      el('h1', { class: 'page-title' }, 'Collections'),
      el('p', { class: 'page-subtitle' }, 'Picks from anywhere in your library. Select photos in an album, a search or a chat answer and use “Add to collection”.')),
    form, status, grid));

  async function load() {
    try {
      const list = await listCollections(ctx.signal);
      status.textContent = list.length ? plural(list.length, 'collection') : 'No collections yet. Name one above, or select photos anywhere and add them.';
      replaceChildren(grid, ...list.map(card));
    } catch (err) {
      if (!ctx.signal.aborted) status.textContent = errorMessage(err);
    }
  }
  void load();
}

/** @param {Collection} c */
function card(c) {
  const cover = c.coverThumbnailUrl
    ? el('img', { class: 'collection-card__img', src: c.coverThumbnailUrl, alt: '', loading: 'lazy', decoding: 'async' })
    : el('span', { class: 'collection-card__img collection-card__img--none', 'aria-hidden': 'true' });
  if (cover instanceof HTMLImageElement) cover.addEventListener('error', () => cover.classList.add('is-broken'), { once: true });
  const facts = [plural(c.photoCount, 'photo'), `changed ${timeAgo(c.updatedAt)}`];
  if (c.removedCount) facts.push(`${c.removedCount.toLocaleString()} removed on SmugMug`);
  return el('li', { class: 'collection-card', dataset: { collectionId: String(c.id) } },
    el('a', { class: 'collection-card__link', href: path`/collections/${String(c.id)}` },
      cover,
      el('span', { class: 'collection-card__name' }, c.name),
      el('span', { class: 'collection-card__meta muted small' }, facts.join(' • ')),
      c.smugMug ? el('span', { class: 'badge badge--saved small' }, 'On SmugMug') : null));
}
