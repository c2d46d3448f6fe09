import { icon } from '../ui/dom.js';
import { computeAiStatus } from '../settings/ai-status.js';
import { mountAccountBadge } from '../smugmug/account-badge.js';

// The app header: tabs, AI status dot, SmugMug badge slot, sign-out, and the
// "server unreachable" banner. Its markup lives in index.html so the brand
// shows before any script runs; this module only wires it up.

/**
 * @typedef {Object} Header
 * @property {(section: string | undefined) => void} setActive
 * @property {(signedIn: boolean) => void} setSignedIn
 * @property {(settings: import('../settings/settings-api.js').Settings | null) => void} setSettings
 * @property {(reachable: boolean) => void} setReachable
 */

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`header: #${id} missing from index.html`);
  return node;
}

/**
 * @param {Object} handlers
 * @param {() => void} handlers.onLogout
 * @param {() => void} handlers.onRetry
 * @returns {Header}
 */
export function initHeader(handlers) {
  const nav = byId('main-nav');
  const tools = byId('header-tools');
  const aiStatus = byId('ai-status');
  const badgeSlot = byId('smugmug-badge');
  const logout = /** @type {HTMLButtonElement} */ (byId('logout-button'));
  const banner = byId('offline-banner');
  const retry = byId('offline-retry');

  logout.prepend(icon('logout'));
  logout.addEventListener('click', () => handlers.onLogout());
  retry.addEventListener('click', () => handlers.onRetry());

  /** @type {(() => void) | null} */
  let unmountBadge = null;

  /** @type {Header} */
  const header = {
    setActive(section) {
      for (const link of nav.querySelectorAll('a[data-section]')) {
        const a = /** @type {HTMLAnchorElement} */ (link);
        if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
    setSignedIn(signedIn) {
      nav.hidden = !signedIn;
      tools.hidden = !signedIn;
      if (signedIn && !unmountBadge) unmountBadge = mountAccountBadge(badgeSlot);
      if (!signedIn && unmountBadge) {
        unmountBadge();
        unmountBadge = null;
      }
      if (!signedIn) header.setSettings(null);
    },
    setSettings(settings) {
      const { level, label } = computeAiStatus(settings);
      aiStatus.dataset.level = level;
      // The accessible name starts with the visible text ("AI") so voice control can target it.
      aiStatus.setAttribute('aria-label', `AI — ${label}. Open settings.`);
      aiStatus.title = label;
    },
    setReachable(reachable) {
      banner.hidden = reachable;
    },
  };
  return header;
}
