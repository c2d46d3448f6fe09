import { del, get, post } from '../api.js';
import { createStore } from '../core/store.js';

// The connected SmugMug account, shared by the header badge and the Library
// (which shows a "connect" screen instead of folders while nothing is
// connected). One in-flight request is shared so both do not fetch twice.

/**
 * @typedef {Object} SmugMugAccount
 * @property {boolean} connected
 * @property {string | null} [nickName]
 * @property {string | null} [name]
 * @property {string | null} [connectedAt]
 * @property {string | null} [access]
 * @property {string | null} [permissions]
 * @property {{ state: 'reachable' | 'unreachable' | 'rejected' | 'not_configured', message: string | null, checkedAt: string } | null} [reachability]
 *   how SmugMug last answered the server (null until it has asked)
 * @property {boolean} [needsReconnect] SmugMug refused the stored token (revoked): connected is false until reconnecting
 * @property {string | null} [reconnectReason]
 * @property {boolean} [canModify] the connection may write (publish collections); false for the default read access
 */

/** Every (re)load is published, even an identical one: listeners treat it as "checked again". */
const account = createStore(/** @type {SmugMugAccount | null} */ (null), { name: 'account', equals: () => false });
/** @type {Promise<SmugMugAccount> | null} */
let pending = null;
const publish = account.set;

/** @returns {SmugMugAccount | null} the last known account, null before the first load */
export function getAccount() {
  return account.get();
}

/**
 * Loads the account (or reuses a request already on its way).
 * @param {{ force?: boolean }} [options] force: ignore what is known and ask again
 * @returns {Promise<SmugMugAccount>}
 */
export function loadAccount(options = {}) {
  const known = account.get();
  if (!options.force && known) return Promise.resolve(known);
  if (pending) return pending;
  pending = get('/api/smugmug/account')
    .then((/** @type {SmugMugAccount} */ value) => {
      publish(value);
      return value;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/**
 * Notified whenever the account is (re)loaded, connected or disconnected.
 * @param {(account: SmugMugAccount | null) => void} listener
 * @returns {() => void}
 */
export function onAccountChange(listener) {
  return account.subscribe(listener);
}

/**
 * Starts the OAuth flow: the server creates a request token and answers with
 * SmugMug's authorise URL; the browser leaves the app and comes back through
 * /api/smugmug/oauth/callback → /library?connected=1. Read access unless a
 * feature that writes asks for Modify.
 * @param {{ permissions?: 'Read' | 'Modify' }} [options]
 * @returns {Promise<void>}
 */
export async function connect(options = {}) {
  /** @type {{ authorizeUrl: string }} */
  const answer = await post('/api/smugmug/connect', options.permissions ? { permissions: options.permissions } : undefined);
  const target = new URL(answer.authorizeUrl, window.location.href);
  // Only a web page may be the next stop; anything else is a broken answer.
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('The server sent an invalid SmugMug address.');
  window.location.assign(target.href);
}

/** Forgets the SmugMug tokens on the server. */
export async function disconnect() {
  await del('/api/smugmug/account');
  publish({ connected: false });
}

/**
 * Public address of the account on SmugMug.
 * @param {SmugMugAccount} value
 * @returns {string | null}
 */
export function accountWebUrl(value) {
  if (!value.nickName) return null;
  return `https://${encodeURIComponent(value.nickName)}.smugmug.com/`;
}
