import { el } from '../ui/dom.js';
import { timeAgo } from '../ui/format.js';
import { refresh } from '../router.js';
import { startConnect } from '../smugmug/account-badge.js';
import { recheckLive } from './library-api.js';
import { invalidateLibrary } from './library-cache.js';

// The notice above a Library page that comes from the local copy: calm, since
// nothing is lost, and saying what works (synced albums, descriptions, cached
// thumbnails), what does not (syncing) and how to get SmugMug back.

/** Id of the banner's sentence, which disabled sync buttons point to as their explanation. */
export const OFFLINE_REASON_ID = 'library-offline-reason';

/** @typedef {import('./library-api.js').Freshness} Freshness */

/**
 * @param {Freshness} answer
 * @returns {HTMLElement | null} null when the page is live
 */
export function offlineBanner(answer) {
  if (answer.source !== 'local') return null;
  const code = answer.liveError?.code ?? '';
  const reason = answer.liveError?.message ?? '';
  const rejected = code === 'Unauthorized' || code === 'PermissionTooLow';
  const headline = code === 'NotConnected' ? 'SmugMug is not connected'
    : rejected ? 'SmugMug did not accept the connection' : 'SmugMug is not reachable';
  const details = [
    reason,
    'Synced albums and their descriptions are here; albums that were never synced appear once SmugMug answers.',
    'Thumbnails not seen before show a placeholder, and syncing waits for SmugMug.',
    answer.lastSyncedAt ? `Last synced ${timeAgo(answer.lastSyncedAt)}.` : '',
  ].filter(Boolean).join(' ');

  const action = el('button', { type: 'button', class: 'btn btn--secondary btn--small' },
    code === 'NotConnected' ? 'Connect SmugMug' : rejected ? 'Reconnect SmugMug' : 'Retry');
  action.addEventListener('click', () => {
    if (code === 'NotConnected' || rejected) {
      void startConnect(action);
      return;
    }
    recheckLive();
    invalidateLibrary();
    void refresh();
  });

  return el('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline-banner' },
    el('div', { class: 'offline-banner__body' },
      el('p', { class: 'offline-banner__title', id: OFFLINE_REASON_ID }, `Showing your synced copy — ${headline}.`),
      el('p', { class: 'offline-banner__details small' }, details)),
    action);
}
