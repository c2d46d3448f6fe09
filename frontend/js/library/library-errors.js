import { el } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { refresh } from '../router.js';
import { invalidateLibrary } from './library-cache.js';
import { loadAccount } from '../smugmug/account.js';
import { startConnect } from '../smugmug/account-badge.js';

// SmugMug answers that need the owner to act rather than to retry.

/**
 * A "Reconnect SmugMug" button when the server says the SmugMug connection is
 * missing, revoked or lacks permission (409), otherwise null.
 * @param {unknown} err
 * @returns {HTMLButtonElement | null}
 */
export function reconnectButton(err) {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  // The badge should stop claiming a connection that no longer works.
  void loadAccount({ force: true }).catch(() => undefined);
  const button = el('button', { type: 'button', class: 'btn btn--primary' }, 'Reconnect SmugMug');
  button.addEventListener('click', () => void startConnect(button));
  return button;
}

/**
 * @param {string} title
 * @param {unknown} err
 */
export function errorState(title, err) {
  const retry = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Try again');
  retry.addEventListener('click', () => {
    invalidateLibrary();
    void refresh();
  });
  return el('div', { class: 'empty-state card library-error' },
    el('p', { class: 'empty-state__title' }, title),
    el('p', { class: 'muted' }, errorMessage(err)),
    reconnectButton(err) ?? retry,
  );
}
