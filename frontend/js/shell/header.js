import { icon } from '../ui/dom.js';
import { computeAiStatus } from '../settings/ai-status.js';
import { mountAccountBadge } from '../smugmug/account-badge.js';

// The app header: tabs, AI status dot, SmugMug badge slot, sign-out, and the
// "server unreachable" banner. Its markup lives in index.html so the brand
// shows before any script runs; this module only wires it up.

/**
 * @typedef {Object} Header
 * @property {(section: string | undefined) => void} setActive
 * @property {(signedIn: boolean) => Promise<void>} setSignedIn resolves when the signed-in header is shown
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

/** How long the signed-in header waits for the SmugMug badge before showing without it. */
const BADGE_WAIT_MS = 1_000;

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
  /** @type {Promise<void>} */
  let shown = Promise.resolve();
  let isSignedIn = false;

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
      isSignedIn = signedIn;
      if (!signedIn) {
        nav.hidden = true;
        tools.hidden = true;
        unmountBadge?.();
        unmountBadge = null;
        header.setSettings(null);
        return Promise.resolve();
      }
      if (unmountBadge) return shown;
      // The tabs, the search box and the tools appear together once the badge has its width: shown one by one,
      // the badge filling in would push the tabs and the search box sideways on every page load.
      // The account answers in milliseconds, but checks SmugMug itself every few minutes (up to 4 s when SmugMug is
      // slow): the header does not wait longer than BADGE_WAIT_MS for it.
      shown = new Promise((resolve) => {
        const show = () => {
          clearTimeout(timer);
          // Also when the account was already known and this runs before mountAccountBadge returns.
          if (isSignedIn) {
            nav.hidden = false;
            tools.hidden = false;
          }
          resolve();
        };
        const timer = setTimeout(show, BADGE_WAIT_MS);
        unmountBadge = mountAccountBadge(badgeSlot, show);
      });
      return shown;
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
