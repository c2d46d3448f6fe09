import { el, replaceChildren } from '../ui/dom.js';
import * as events from '../events.js';
import { createPhotoGrid } from '../photos/photo-grid.js';
import { createSelectionBar } from '../photos/selection-bar.js';
import { invalidateLibrary, loadNode } from './library-cache.js';
import { createAlbumFilter } from './album-filter.js';
import { createAlbumHeader } from './album-header.js';
import { createAlbumLoader } from './album-loader.js';
import { createAlbumSummary } from './album-summary.js';

// The album page from parts: header commands, status filter, the shared grid and selection bar (photos/), subtitle,
// progressive loading, the offline banner; live status comes through the grid, a sync or reconnect reloads the list.

/** @typedef {import('./library-api.js').AlbumInfo} AlbumInfo */
/** @typedef {import('./library-view.js').LibraryFrame} LibraryFrame */

/**
 * @param {LibraryFrame} frame
 * @param {string} albumKey
 * @param {import('../router.js').RouteContext} ctx
 * @returns {() => void} cleanup
 */
export function renderAlbum(frame, albumKey, ctx) {
  /** @type {AlbumInfo | null} */
  let album = null;
  let loaded = false;
  /** Described-count changes seen through events before every page is loaded. */
  let describedDelta = 0;

  frame.title.textContent = 'Album';
  frame.setCrumbs([], '…');

  const filter = createAlbumFilter(ctx.query, () => grid.setFilter(filter.matches));
  const grid = createPhotoGrid({
    label: 'Photos',
    filter: filter.matches,
    onChange: summarize,
    onPhotoChange: (previous, next) => {
      if (previous.status !== 'completed' && next.status === 'completed') describedDelta += 1;
      if (previous.status === 'completed' && next.status !== 'completed') describedDelta -= 1;
    },
  });
  const summary = createAlbumSummary(frame.subtitle, { onShowAll: () => filter.reset() });
  const bar = createSelectionBar({ photos: grid.visible });
  const header = createAlbumHeader(frame.actions, {
    albumKey,
    signal: ctx.signal,
    photos: grid.visible,
    onRefresh: () => {
      invalidateLibrary();
      void loader.load({ swap: true });
    },
    onSynced: () => {
      invalidateLibrary();
      frame.tree.reload();
      void loader.load({ swap: true });
    },
  });
  const loader = createAlbumLoader(albumKey, {
    signal: ctx.signal,
    onAlbum: showAlbum,
    onFreshness: frame.setFreshness,
    onPhotos: (photos, first) => {
      if (first) {
        loaded = false;
        describedDelta = 0;
        grid.setPhotos(photos);
      } else {
        grid.append(photos);
      }
    },
    onLoaded: (photos) => {
      loaded = true;
      if (photos) grid.setPhotos(photos);
      else summarize();
    },
    onError: (err) => {
      if (grid.photos().length > 0) summary.partial(err, () => void loader.load({ swap: true }));
      else summary.failed(frame, album, err, () => void loader.load());
    },
  });

  replaceChildren(frame.body, el('div', { class: 'album' },
    el('div', { class: 'album-tools' }, filter.element), summary.notice, bar.element, loader.element, grid.element, summary.empty));

  function summarize() {
    if (!album) return;
    const all = grid.photos();
    const counts = filter.count(all);
    summary.show(album, {
      total: loaded ? all.length : album.imageCount,
      described: loaded ? counts.described : Math.max(0, album.describedCount + describedDelta),
      shown: grid.visible().length,
      loaded,
    });
  }

  /** @param {AlbumInfo} info */
  function showAlbum(info) {
    const first = album === null;
    album = info;
    const name = info.name || 'Untitled album';
    frame.title.textContent = name;
    document.title = `${name} · Library · TargetVision`;
    header.setAlbum(info);
    if (first) void showTrail(info, name);
  }

  /** @param {AlbumInfo} info @param {string} name */
  async function showTrail(info, name) {
    frame.setCrumbs([], name);
    if (!info.nodeId) return;
    try {
      const listing = await loadNode(info.nodeId);
      if (ctx.signal.aborted) return;
      const trail = (listing.node.breadcrumbs ?? []).filter((c) => c && c.nodeId && c.nodeId !== info.nodeId);
      frame.setCrumbs(trail, name);
      frame.tree.expandTo(trail.map((c) => c.nodeId));
    } catch {
      // The album's place in the folder tree is a nicety; the album itself is shown.
    }
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let reloadTimer;
  // A folder sync reports many albums in a burst; one reload is enough.
  const reloadSoon = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void loader.load({ swap: true }), 300);
  };
  const offSync = events.subscribe('sync.album', (data) => {
    if (data && data.albumKey === albumKey) {
      invalidateLibrary();
      reloadSoon();
    }
  });
  // Replayed events bring statuses up to date; the list itself (added/removed photos) is read again.
  const offReconnect = events.onReconnect(() => album && reloadSoon());

  void loader.load();
  return () => {
    loader.abort();
    clearTimeout(reloadTimer);
    offSync();
    offReconnect();
    grid.destroy();
    bar.destroy();
    header.destroy();
  };
}
