import { el, uid } from '../ui/dom.js';
import { externalLink } from '../ui/links.js';
import { toast, toastError } from '../ui/toast.js';
import { confirmDialog } from '../ui/modal.js';
import { dateTime } from '../ui/format.js';
import { accountWebUrl, connect, disconnect } from './account.js';
import { bindMenuPopup } from './menu-popup.js';

// The connected SmugMug badge: "@nickname" with its small menu (open on
// SmugMug, disconnect) and the confirm before disconnecting; the menu's
// keyboard and outside-click handling is menu-popup.js.

/** @typedef {import('./account.js').SmugMugAccount} SmugMugAccount */

/**
 * @param {SmugMugAccount} account
 * @param {(close: (() => void) | null) => void} setCloseMenu told how to close the menu while it is open (null once closed)
 * @returns {HTMLElement}
 */
export function connectedBadge(account, setCloseMenu) {
  const menuId = uid('account-menu');
  const label = `@${account.nickName ?? 'smugmug'}`;
  const trouble = reachabilityTrouble(account);
  const trigger = el('button', {
    type: 'button',
    class: ['account-badge', trouble ? `account-badge--${trouble.kind}` : 'account-badge--connected'],
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': menuId,
    'data-reachability': account.reachability?.state ?? 'unknown',
    title: trouble ? `${trouble.text}${account.reachability?.message ? `: ${account.reachability.message}` : ''}`
      : account.name ? `SmugMug: ${account.name}` : 'SmugMug account',
  },
  el('span', { class: 'account-badge__dot', 'aria-hidden': 'true' }),
  el('span', { class: 'account-badge__text' }, label),
  trouble ? el('span', { class: 'account-badge__state' }, trouble.short) : null,
  el('span', { class: 'visually-hidden' }, trouble ? ` — ${trouble.text}; SmugMug account menu` : ' — SmugMug account menu'));

  const web = accountWebUrl(account);
  const items = [
    externalLink(web, { class: 'account-menu__item', role: 'menuitem' }, 'Open on SmugMug'),
    account.canModify ? null : el('button', { type: 'button', class: 'account-menu__item', role: 'menuitem', 'data-action': 'reconnect-modify' },
      'Reconnect with Modify (for publishing)…'),
    el('button', { type: 'button', class: 'account-menu__item account-menu__item--danger', role: 'menuitem', 'data-action': 'disconnect' },
      'Disconnect SmugMug…'),
  ].filter((x) => x !== null);

  const menu = el('div', { class: 'account-menu', id: menuId, role: 'menu', 'aria-label': 'SmugMug account', hidden: true },
    el('div', { class: 'account-menu__head' },
      el('strong', null, account.name || label),
      account.connectedAt ? el('span', { class: 'muted small' }, `Connected ${dateTime(account.connectedAt)}`) : null,
      account.permissions ? el('span', { class: 'muted small' }, `Access: ${account.access ?? '—'}, ${account.permissions}`) : null,
      trouble && account.reachability
        ? el('span', { class: 'small account-menu__trouble' }, `${trouble.text} (checked ${dateTime(account.reachability.checkedAt)})`) : null,
    ),
    items,
  );
  const wrapper = el('div', { class: 'account-badge-wrap' }, trigger, menu);

  const close = bindMenuPopup(wrapper, trigger, menu, setCloseMenu);
  menu.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest('a')) {
      close(false);
      return;
    }
    if (target.closest('[data-action="reconnect-modify"]')) {
      close(false);
      void connect({ permissions: 'Modify' }).catch((err) => toastError(err, 'Could not reconnect SmugMug'));
      return;
    }
    if (target.closest('[data-action="disconnect"]')) {
      close(false);
      void confirmDisconnect(account);
    }
  });
  return wrapper;
}

/**
 * Connected is not the same as working: the badge stops looking "all good" while SmugMug does not answer or refuses
 * the stored token (as last seen by the server).
 * @param {SmugMugAccount} account
 * @returns {{ kind: 'offline' | 'rejected', short: string, text: string } | null}
 */
function reachabilityTrouble(account) {
  switch (account.reachability?.state) {
    case 'unreachable': return { kind: 'offline', short: 'offline', text: 'SmugMug is not reachable' };
    case 'not_configured': return { kind: 'offline', short: 'no API key', text: 'SmugMug API key missing in Settings' };
    case 'rejected': return { kind: 'rejected', short: 'reconnect', text: 'SmugMug did not accept the connection' };
    default: return null;
  }
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