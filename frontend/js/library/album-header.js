import { collectActions, onPluginsChange } from '../core/plugins.js';
import { createActionHost } from '../photos/action-host.js';
import { photoSelection } from '../photos/selection.js';
import { createSyncControl } from './sync-control.js';
import { getLiveState, onLiveStateChange } from './live-state.js';

// The album's commands in the page header: one primary button and a "More"
// menu. An album that is not synced has "Sync album" as its primary action;
// a synced one gets the first plugin's primary (e.g. "Describe album…"), and
// syncing again moves into the menu next to Refresh and the plugins' others.

/** @typedef {import('./library-api.js').AlbumInfo} AlbumInfo */
/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */

/**
 * @param {HTMLElement} container the frame's actions area
 * @param {{ albumKey: string, signal: AbortSignal, photos: () => PhotoSummary[], onRefresh: () => void, onSynced: () => void }} options
 * @returns {{ setAlbum: (album: AlbumInfo) => void, destroy: () => void }}
 */
export function createAlbumHeader(container, options) {
  const sync = createSyncControl({
    label: 'Sync album',
    request: { scope: 'album', albumKey: options.albumKey },
    variant: 'primary',
    onFinished: options.onSynced,
  });
  const host = createActionHost({ menuLabel: 'More album actions', testId: 'album-actions' });
  container.append(host.element, sync.element);
  /** @type {AlbumInfo | null} */
  let album = null;

  function render() {
    if (!album) return;
    const fromPlugins = collectActions('albumActions', {
      albumKey: options.albumKey, album, photos: options.photos, signal: options.signal,
      sync: async () => (await sync.start())?.status === 'completed',
    });
    // Until the album is synced, syncing is the one thing to do.
    const actions = album.synced ? fromPlugins : fromPlugins.map((a) => ({ ...a, primary: false }));
    const pluginPrimary = actions.some((a) => a.primary);
    sync.setButtonHidden(pluginPrimary);
    if (pluginPrimary) {
      actions.push({ id: 'sync-again', label: 'Sync album again', enabled: () => !getLiveState().offline, run: () => void sync.start() });
    }
    actions.push({ id: 'refresh', label: 'Refresh', run: options.onRefresh });
    host.render(actions, photoSelection.get());
  }

  const offPlugins = onPluginsChange(render);
  const offLive = onLiveStateChange(render);
  return {
    setAlbum(next) {
      const changed = !album || album.synced !== next.synced;
      album = next;
      if (changed) render();
    },
    destroy() {
      offPlugins();
      offLive();
      sync.destroy();
    },
  };
}
