import { createStore } from './core/store.js';

// What responses tell the shell beyond their own caller: whether the server
// is reachable (the offline banner and its probe) and whether the session was
// lost (a 401 sends the user to sign in).

/** @typedef {import('./api-error.js').ApiError} ApiError */

const reachable = createStore(true, { name: 'connectivity' });

/**
 * Notified when the backend becomes unreachable or reachable again.
 * @param {(reachable: boolean) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onConnectivityChange(listener) {
  return reachable.subscribe(listener);
}

/** @returns {boolean} whether the last request reached the backend */
export function isReachable() {
  return reachable.get();
}

/** @param {boolean} value */
export function setReachable(value) {
  reachable.set(value);
}

/** @type {((error: ApiError) => void) | null} */
let unauthorizedHandler = null;

/**
 * Called when a non-auth request gets 401 (session expired); the shell routes to login.
 * @param {(error: ApiError) => void} handler
 */
export function setUnauthorizedHandler(handler) {
  unauthorizedHandler = handler;
}

/**
 * Hands a 401 to the shell's handler, if it set one.
 * @param {ApiError} error
 */
export function reportUnauthorized(error) {
  if (unauthorizedHandler) unauthorizedHandler(error);
}
