import { createStore } from '../core/store.js';
import { getAccount, loadAccount } from '../smugmug/account.js';

// Whether the Library shows SmugMug live or the local copy of what was synced
// (and why), as the newest listing said. Sync controls follow it; when the
// header badge disagrees with it, the badge checks the account again.

/**
 * @typedef {Object} LiveState
 * @property {boolean} offline the page comes from the local copy
 * @property {string | null} code why SmugMug was not used (NotConnected, Unauthorized, Unavailable, …)
 * @property {string | null} message
 */

const state = createStore(/** @type {LiveState} */ ({ offline: false, code: null, message: null }), {
  name: 'library-live-state',
  equals: (a, b) => a.offline === b.offline && a.code === b.code && a.message === b.message,
});

/** @returns {LiveState} */
export function getLiveState() {
  return state.get();
}

/**
 * @param {(value: LiveState) => void} listener
 * @returns {() => void}
 */
export function onLiveStateChange(listener) {
  return state.subscribe(listener);
}

/** @param {{ source?: 'live' | 'local', liveError?: { code: string, message: string } | null }} answer */
export function noteLiveState(answer) {
  const offline = answer.source === 'local';
  state.set({ offline, code: answer.liveError?.code ?? null, message: answer.liveError?.message ?? null });
  const account = getAccount();
  if (!account?.connected) return;
  const badgeSaysReachable = !account.reachability || account.reachability.state === 'reachable';
  if (badgeSaysReachable === offline) void loadAccount({ force: true }).catch(() => undefined);
}
