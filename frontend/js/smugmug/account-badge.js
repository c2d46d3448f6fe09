import { el, replaceChildren } from '../ui/dom.js';
import { toastError } from '../ui/toast.js';
import { connect, loadAccount, onAccountChange } from './account.js';
import { connectedBadge } from './account-menu.js';

// The SmugMug account badge in the header: "@nickname" with a small menu
// (open on SmugMug, disconnect) once connected, otherwise a "Connect SmugMug"
// button that starts the OAuth flow.

/** @typedef {import('./account.js').SmugMugAccount} SmugMugAccount */

/**
 * Starts the connect flow, explaining failures (missing API keys answer 400 with a pointer to Settings).
 * @param {HTMLButtonElement} [button] shown busy while the server prepares the request token
 */
export async function startConnect(button) {
  if (button) {
    button.disabled = true;
    button.classList.add('is-busy');
  }
  try {
    await connect();
    // The page is navigating away to SmugMug; leave the button busy.
  } catch (err) {
    if (button) {
      button.disabled = false;
      button.classList.remove('is-busy');
    }
    const handle = toastError(err, 'Could not connect SmugMug');
    // Missing keys are fixed on the Settings page: offer the way there.
    if (handle && err && typeof err === 'object' && 'status' in err && err.status === 400) {
      handle.element.querySelector('.toast__content')?.append(
        el('a', { class: 'toast__toggle', href: '/settings', on: { click: () => handle.close() } }, 'Open Settings'),
      );
    }
  }
}

/**
 * Renders the badge into its header slot.
 * @param {HTMLElement} slot
 * @param {() => void} [onFirstRender] called once the slot has its first content (the account answered or failed)
 * @returns {() => void} cleanup
 */
export function mountAccountBadge(slot, onFirstRender) {
  /** @type {(() => void) | null} */
  let closeMenu = null;
  let rendered = false;
  let active = true;

  /** @param {SmugMugAccount | null} account */
  function render(account) {
    if (!active) return;
    paint(account);
    if (account && !rendered) {
      rendered = true;
      onFirstRender?.();
    }
  }

  /** @param {SmugMugAccount | null} account */
  function paint(account) {
    closeMenu?.();
    if (!account) {
      replaceChildren(slot);
      return;
    }
    if (!account.connected) {
      const button = el('button', {
        type: 'button',
        class: 'account-badge account-badge--disconnected',
        'data-testid': 'smugmug-connect',
      },
      el('span', { class: 'account-badge__dot', 'aria-hidden': 'true' }),
      el('span', { class: 'account-badge__text' }, account.needsReconnect ? 'Reconnect SmugMug' : 'Connect SmugMug'));
      if (account.needsReconnect) button.title = account.reconnectReason ?? 'SmugMug refused the connection';
      button.addEventListener('click', () => void startConnect(button));
      replaceChildren(slot, button);
      return;
    }
    replaceChildren(slot, connectedBadge(account, (close) => { closeMenu = close; }));
  }

  const unsubscribe = onAccountChange(render);
  // An account already known (signed in again in the same page) is not published again: render it directly.
  loadAccount().then((known) => {
    if (!rendered) render(known);
  }, (err) => {
    // Before the SmugMug endpoints answer, keep offering the connect button.
    render({ connected: false });
    if (err && typeof err === 'object' && 'status' in err && (err.status === 404 || err.status === 0)) return;
    toastError(err, 'Could not load the SmugMug account');
  });

  return () => {
    active = false;
    closeMenu?.();
    unsubscribe();
    slot.replaceChildren();
  };
}
