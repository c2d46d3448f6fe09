import { el } from '../ui/dom.js';
import { ApiError } from '../api.js';
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
