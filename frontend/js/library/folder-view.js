import { el, replaceChildren } from '../ui/dom.js';
import * as events from '../events.js';
import { plural } from '../ui/format.js';
import { getStats } from './library-api.js';
import { invalidateLibrary, loadNode } from './library-cache.js';
import { ancestorsOf } from './library-frame.js';
import { fillFolderCounts, nodeCard, onCardClick, skeletonCards } from './node-card.js';
import { createSyncControl } from './sync-control.js';
import { errorState } from './library-errors.js';

// The root and folder pages: cards for the child folders and albums, and
// "Sync everything" / "Sync folder".

/** @typedef {import('./library-api.js').NodeListing} NodeListing */
/** @typedef {import('./library-frame.js').LibraryFrame} LibraryFrame */

/**
 * Root or folder page: cards for child folders and albums.
 * @param {LibraryFrame} frame
 * @param {string | null} nodeId
 * @param {import('../router.js').RouteContext} ctx
 * @returns {() => void}
 */
export function renderFolder(frame, nodeId, ctx) {
  /** @type {(() => void)[]} */
  const cleanups = [];
  const isRoot = nodeId === null;
  frame.title.textContent = isRoot ? 'Library' : 'Folder';
  frame.setCrumbs([], isRoot ? null : '…');
  const grid = el('ul', { class: 'node-grid', 'aria-label': 'Folders and albums', 'aria-busy': 'true' });
  replaceChildren(frame.body, skeletonCards());

  const sync = createSyncControl({
    label: isRoot ? 'Sync everything' : 'Sync folder',
    request: isRoot ? { scope: 'account' } : { scope: 'folder', nodeId: /** @type {string} */ (nodeId) },
    variant: 'primary',
    onFinished: () => {
      invalidateLibrary();
      frame.tree.reload();
      void load(true);
      loadStats();
    },
  });
  cleanups.push(sync.destroy);
  frame.actions.append(sync.element);

  /** @param {boolean} fresh */
  async function load(fresh) {
    /** @type {NodeListing} */
    let listing;
    try {
      listing = await loadNode(nodeId, { fresh });
    } catch (err) {
      if (ctx.signal.aborted) return;
      frame.title.textContent = isRoot ? 'Library' : 'Folder';
      replaceChildren(frame.body, errorState(isRoot ? 'Your SmugMug library could not be loaded.' : 'This folder could not be loaded.', err));
      return;
    }
    if (ctx.signal.aborted) return;
    frame.setFreshness(listing);
    const name = isRoot ? 'Library' : listing.node.name || 'Untitled folder';
    frame.title.textContent = name;
    document.title = `${name} · Library · TargetVision`;
    const trail = isRoot ? [] : ancestorsOf(listing.node.breadcrumbs, listing.node.nodeId);
    frame.setCrumbs(trail, isRoot ? null : name);
    if (!isRoot) frame.tree.expandTo([...trail.map((c) => c.nodeId), listing.node.nodeId]);

    const folders = listing.children.filter((c) => c.type === 'folder').length;
    const albums = listing.children.length - folders;
    if (!isRoot) frame.subtitle.textContent = [folders ? plural(folders, 'folder') : '', albums ? plural(albums, 'album') : ''].filter(Boolean).join(' • ');

    grid.replaceChildren(...listing.children.map((child) => el('li', null, nodeCard(child))));
    grid.setAttribute('aria-busy', 'false');
    if (listing.children.length === 0 && listing.source === 'local') {
      replaceChildren(frame.body, el('div', { class: 'empty-state card' },
        el('p', { class: 'empty-state__title' }, isRoot ? 'Nothing is synced yet.' : 'Nothing in this folder is synced.'),
        el('p', { class: 'muted' }, 'Its albums can be shown once SmugMug answers.')));
    } else if (listing.children.length === 0) {
      replaceChildren(frame.body, el('div', { class: 'empty-state card' },
        el('p', { class: 'empty-state__title' }, isRoot ? 'Your SmugMug account has no folders or albums yet.' : 'This folder is empty.'),
        el('p', { class: 'muted' }, 'Albums you create on SmugMug show up here.')));
    } else {
      replaceChildren(frame.body, grid);
      void fillFolderCounts(grid, ctx.signal);
    }
  }

  function loadStats() {
    if (!isRoot) return;
    // A summary of what is synced and described; optional, so failures stay quiet.
    getStats(ctx.signal).then((stats) => {
      frame.subtitle.textContent = [
        plural(stats.albums, 'synced album'),
        plural(stats.photos, 'photo'),
        `${stats.described.toLocaleString()} described`,
        stats.queued ? `${stats.queued.toLocaleString()} queued` : '',
        stats.failed ? `${stats.failed.toLocaleString()} failed` : '',
      ].filter(Boolean).join(' • ');
    }).catch(() => undefined);
  }
  loadStats();

  // Another tab or a describe job changed counts: refresh what is on screen.
  cleanups.push(events.subscribe('sync.album', () => {
    invalidateLibrary();
    void load(true);
  }));
  cleanups.push(events.onReconnect(() => void load(true)));
  // Described counts on the cards follow descriptions as they land (throttled: a batch sends many events).
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let countTimer;
  cleanups.push(events.subscribe('photo.status', () => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      invalidateLibrary();
      void load(true);
      loadStats();
    }, 2_000);
  }));
  cleanups.push(() => clearTimeout(countTimer));

  grid.addEventListener('click', onCardClick);
  void load(false);
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

