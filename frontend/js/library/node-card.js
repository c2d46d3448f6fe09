import { el, icon } from '../ui/dom.js';
import { navigate } from '../router.js';
import { createProgressBar } from '../ui/progress.js';
import { plural } from '../ui/format.js';
import { loadNode, prefetchAlbum } from './library-cache.js';
import { childHref, describeProgress } from './library-tree.js';

// One folder or album card of a folder page, and the click that loads the
// next page before navigating (the card spins meanwhile).

/** @typedef {import('./library-api.js').NodeChild} NodeChild */

/** Grey placeholder cards while the first listing loads. */
export function skeletonCards() {
  return el('ul', { class: 'node-grid node-grid--skeleton', 'aria-hidden': 'true' },
    Array.from({ length: 8 }, () => el('li', null, el('div', { class: 'node-card node-card--skeleton' },
      el('span', { class: 'node-card__cover' }), el('span', { class: 'node-card__body' }, el('span', { class: 'skeleton-line' }))))));
}

/**
 * @param {NodeChild} child
 * @returns {HTMLAnchorElement}
 */
export function nodeCard(child) {
  const isAlbum = child.type === 'album';
  const cover = child.coverUrl
    ? el('img', { class: 'node-card__img', src: child.coverUrl, alt: '', loading: 'lazy', decoding: 'async' })
    : el('span', { class: ['node-card__placeholder', `node-card__placeholder--${child.type}`], 'aria-hidden': 'true' });
  if (cover instanceof HTMLImageElement) {
    cover.addEventListener('error', () => cover.replaceWith(el('span', { class: ['node-card__placeholder', `node-card__placeholder--${child.type}`], 'aria-hidden': 'true' })), { once: true });
  }

  const meta = [];
  if (isAlbum) {
    meta.push(el('span', null, plural(child.imageCount ?? 0, 'photo')));
    if (child.synced) meta.push(el('span', { class: 'node-card__synced' }, icon('check', 'icon icon--tiny'), 'Synced'));
    else meta.push(el('span', { class: 'node-card__unsynced' }, 'Not synced'));
  } else {
    // The cover already says "Folder"; what is inside is filled in by fillFolderCounts().
    meta.push(el('span', { class: 'node-card__contents', 'data-folder-counts': child.nodeId }, '…'));
  }

  /** @type {HTMLElement | null} */
  let progress = null;
  const described = describeProgress(child);
  if (described) {
    const bar = createProgressBar({ compact: false, total: described.total, done: described.done, label: 'described' });
    // "12/40 described (30%)" reads better than the generic "described — 12/40 (30%)".
    const pct = described.total > 0 ? Math.round((described.done / described.total) * 100) : 0;
    const text = bar.element.querySelector('.progress__text');
    if (text) text.textContent = `${described.done.toLocaleString()}/${described.total.toLocaleString()} described (${pct}%)`;
    progress = bar.element;
    progress.classList.add('node-card__progress');
    if (described.glyph === '✓') progress.classList.add('is-complete');
  }

  return el('a', {
    class: ['node-card', `node-card--${child.type}`, child.synced && 'is-synced'],
    href: childHref(child),
    dataset: { nodeId: child.nodeId, type: child.type, albumKey: child.albumKey ?? '' },
  },
  el('span', { class: 'node-card__cover' }, cover,
    isAlbum ? null : el('span', { class: 'node-card__kind' }, 'Folder'),
    el('span', { class: 'node-card__spinner', 'aria-hidden': 'true' })),
  el('span', { class: 'node-card__body' },
    el('span', { class: 'node-card__name', title: child.name }, child.name || 'Untitled'),
    el('span', { class: 'node-card__meta small muted' }, meta),
    progress,
  ),
  );
}

/** Folder listings read at the same time, so a big root does not flood SmugMug. */
const COUNT_CONCURRENCY = 4;

/**
 * Writes "2 albums • 1 folder • 5/16 described" into each folder card of a grid, from the folder's own listing
 * (shared with the sidebar tree through the listing cache).
 * @param {HTMLElement} grid
 * @param {AbortSignal} signal
 */
export async function fillFolderCounts(grid, signal) {
  const slots = /** @type {HTMLElement[]} */ ([...grid.querySelectorAll('[data-folder-counts]')]);
  const next = async () => {
    for (let slot = slots.shift(); slot && !signal.aborted; slot = slots.shift()) {
      try {
        const { children } = await loadNode(slot.dataset.folderCounts ?? null);
        slot.textContent = folderSummary(children);
      } catch {
        slot.textContent = 'Folder';
      }
    }
  };
  await Promise.all(Array.from({ length: COUNT_CONCURRENCY }, next));
}

/**
 * @param {NodeChild[]} children
 */
export function folderSummary(children) {
  const albums = children.filter((c) => c.type === 'album');
  const folders = children.length - albums.length;
  const synced = albums.filter((a) => a.synced);
  const total = synced.reduce((n, a) => n + (a.syncedCount ?? a.imageCount ?? 0), 0);
  const done = synced.reduce((n, a) => n + (a.describedCount ?? 0), 0);
  const parts = [albums.length ? plural(albums.length, 'album') : '', folders ? plural(folders, 'folder') : ''];
  if (total > 0) parts.push(`${done.toLocaleString()}/${total.toLocaleString()} described`);
  return parts.filter(Boolean).join(' • ') || 'Empty';
}

/**
 * Loads the next page before navigating, with a spinner on the clicked card;
 * the router clears the screen on navigation, so this keeps the grid visible
 * (and clickable elsewhere) until the data is there.
 * @param {MouseEvent} event
 */
export function onCardClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const card = /** @type {HTMLAnchorElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('a.node-card'));
  if (!card) return;
  event.preventDefault();
  if (card.classList.contains('is-loading')) return;
  const grid = card.closest('.node-grid');
  for (const other of grid?.querySelectorAll('.node-card.is-loading') ?? []) other.classList.remove('is-loading');
  card.classList.add('is-loading');
  card.setAttribute('aria-busy', 'true');
  const href = card.getAttribute('href') ?? '/library';
  const ready = card.dataset.type === 'album' && card.dataset.albumKey
    ? prefetchAlbum(card.dataset.albumKey)
    : loadNode(card.dataset.nodeId ?? null);
  // Navigate even when the prefetch fails: the page shows the error with a retry.
  ready.catch(() => undefined).finally(() => {
    // Only if the user has not gone elsewhere meanwhile.
    if (card.isConnected && card.classList.contains('is-loading')) void navigate(href);
  });
}
