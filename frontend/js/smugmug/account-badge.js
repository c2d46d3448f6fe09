import { el, replaceChildren, uid } from '../ui/dom.js';
import { toast, toastError } from '../ui/toast.js';
import { confirmDialog } from '../ui/modal.js';
import { dateTime } from '../ui/format.js';
import { accountWebUrl, connect, disconnect, loadAccount, onAccountChange } from './account.js';

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
 * @returns {() => void} cleanup
 */
export function mountAccountBadge(slot) {
  /** @type {(() => void) | null} */
  let closeMenu = null;

  /** @param {SmugMugAccount | null} account */
  function render(account) {
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
      el('span', { class: 'account-badge__text' }, 'Connect SmugMug'));
      button.addEventListener('click', () => void startConnect(button));
      replaceChildren(slot, button);
      return;
    }
    replaceChildren(slot, connectedBadge(account));
  }

  /**
   * @param {SmugMugAccount} account
   * @returns {HTMLElement}
   */
  function connectedBadge(account) {
    const menuId = uid('account-menu');
    const label = `@${account.nickName ?? 'smugmug'}`;
    const trigger = el('button', {
      type: 'button',
      class: 'account-badge account-badge--connected',
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      'aria-controls': menuId,
      title: account.name ? `SmugMug: ${account.name}` : 'SmugMug account',
    },
    el('span', { class: 'account-badge__dot', 'aria-hidden': 'true' }),
    el('span', { class: 'account-badge__text' }, label),
    el('span', { class: 'visually-hidden' }, ' — SmugMug account menu'));

    const web = accountWebUrl(account);
    const items = [
      web ? el('a', { class: 'account-menu__item', role: 'menuitem', href: web, target: '_blank', rel: 'noopener noreferrer', 'data-external': '' },
        'Open on SmugMug') : null,
      el('button', { type: 'button', class: 'account-menu__item account-menu__item--danger', role: 'menuitem', 'data-action': 'disconnect' },
        'Disconnect SmugMug…'),
    ].filter((x) => x !== null);

    const menu = el('div', { class: 'account-menu', id: menuId, role: 'menu', 'aria-label': 'SmugMug account', hidden: true },
      el('div', { class: 'account-menu__head' },
        el('strong', null, account.name || label),
        account.connectedAt ? el('span', { class: 'muted small' }, `Connected ${dateTime(account.connectedAt)}`) : null,
        account.permissions ? el('span', { class: 'muted small' }, `Access: ${account.access ?? '—'}, ${account.permissions}`) : null,
      ),
      items,
    );
    const wrapper = el('div', { class: 'account-badge-wrap' }, trigger, menu);

    const menuItems = () => /** @type {HTMLElement[]} */ ([...menu.querySelectorAll('[role="menuitem"]')]);

    /** @param {MouseEvent} event */
    function onOutside(event) {
      if (!wrapper.contains(/** @type {Node} */ (event.target))) close(false);
    }

    /** @param {boolean} [refocus] */
    function close(refocus = true) {
      if (menu.hidden) return;
      menu.hidden = true;
      trigger.setAttribute('aria-expanded', 'false');
      document.removeEventListener('mousedown', onOutside);
      closeMenu = null;
      if (refocus) trigger.focus();
    }

    function open() {
      menu.hidden = false;
      trigger.setAttribute('aria-expanded', 'true');
      document.addEventListener('mousedown', onOutside);
      closeMenu = () => close(false);
      menuItems()[0]?.focus();
    }

    trigger.addEventListener('click', () => (menu.hidden ? open() : close()));
    trigger.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' && menu.hidden) {
        event.preventDefault();
        open();
      }
    });
    menu.addEventListener('keydown', (event) => {
      const list = menuItems();
      const index = list.indexOf(/** @type {HTMLElement} */ (document.activeElement));
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        list[(index + step + list.length) % list.length]?.focus();
      } else if (event.key === 'Tab') {
        close(false);
      }
    });
    menu.addEventListener('click', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      if (target.closest('a')) {
        close(false);
        return;
      }
      if (target.closest('[data-action="disconnect"]')) {
        close(false);
        void confirmDisconnect(account);
      }
    });
    return wrapper;
  }

  const unsubscribe = onAccountChange(render);
  loadAccount().catch((err) => {
    // Before the SmugMug endpoints answer, keep offering the connect button.
    render({ connected: false });
    if (err && typeof err === 'object' && 'status' in err && (err.status === 404 || err.status === 0)) return;
    toastError(err, 'Could not load the SmugMug account');
  });

  return () => {
    closeMenu?.();
    unsubscribe();
    slot.replaceChildren();
  };
}

/** @param {SmugMugAccount} account */
async function confirmDisconnect(account) {
  const ok = await confirmDialog({
    title: 'Disconnect SmugMug?',
    message: `TargetVision forgets the access to @${account.nickName ?? 'your account'}. Synced photos, descriptions and collections stay; ` +
      'browsing and syncing need a new connection.',
    confirmLabel: 'Disconnect',
    danger: true,
  });
  if (!ok) return;
  try {
    await disconnect();
    toast.success('SmugMug disconnected.');
  } catch (err) {
    toastError(err, 'Could not disconnect SmugMug');
  }
}
