import { el, replaceChildren } from '../ui/dom.js';
import { plural, timeAgo } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { reconnectButton } from './library-errors.js';

// The album's subtitle ("24 photos • 10 described • synced 2 h ago"), the
// "not synced yet" notice and the empty states.

/** @typedef {import('./library-api.js').AlbumInfo} AlbumInfo */

/**
 * @param {HTMLElement} subtitle
 * @param {{ onShowAll: () => void }} options
 */
export function createAlbumSummary(subtitle, options) {
  const notice = el('p', { class: 'album-notice', hidden: true });
  const empty = el('div', { class: 'empty-state card', hidden: true });

  return {
    notice,
    empty,
    /**
     * @param {AlbumInfo} album
     * @param {{ total: number, described: number, shown: number, loaded: boolean }} counts
     */
    show(album, counts) {
      const parts = [plural(counts.total, 'photo'), `${counts.described.toLocaleString()} described`];
      if (album.synced && album.syncedAt) parts.push(`synced ${timeAgo(album.syncedAt)}`);
      subtitle.textContent = parts.join(' • ');
      subtitle.dataset.described = String(counts.described);
      notice.hidden = album.synced;
      notice.textContent = album.synced ? '' : 'This album is not synced yet. Sync it to describe, search and collect its photos.';
      const nothing = counts.loaded && counts.shown === 0;
      empty.hidden = !nothing;
      if (!nothing) return;
      if (counts.total === 0) {
        replaceChildren(empty, el('p', { class: 'empty-state__title' }, 'This album has no photos.'));
        return;
      }
      const showAll = el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, 'Show all photos');
      showAll.addEventListener('click', options.onShowAll);
      replaceChildren(empty, el('p', { class: 'empty-state__title' }, 'No photos match this filter.'), showAll);
    },
    /**
     * Some pages loaded, a later one failed: keep the photos, say so, offer a reload.
     * @param {unknown} err
     * @param {() => void} reload
     */
    partial(err, reload) {
      const retry = el('button', { type: 'button', class: 'btn btn--secondary btn--small', on: { click: reload } }, 'Reload');
      replaceChildren(notice, `Not every photo could be loaded: ${errorMessage(err)} `, retry);
      notice.hidden = false;
    },
    /**
     * Nothing loaded: the page becomes the error, with a retry (or reconnect when SmugMug needs it).
     * @param {{ title: HTMLElement, body: HTMLElement }} frame
     * @param {AlbumInfo | null} album
     * @param {unknown} err
     * @param {() => void} retry
     */
    failed(frame, album, err, retry) {
      frame.title.textContent = album?.name || 'Album';
      const again = el('button', { type: 'button', class: 'btn btn--secondary', on: { click: retry } }, 'Try again');
      replaceChildren(frame.body, el('div', { class: 'empty-state card library-error' },
        el('p', { class: 'empty-state__title' }, 'This album could not be loaded.'),
        el('p', { class: 'muted' }, errorMessage(err)), reconnectButton(err) ?? again));
    },
  };
}
