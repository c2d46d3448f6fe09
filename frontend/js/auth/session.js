import * as api from '../api.js';
import { createStore } from '../core/store.js';

// The signed-in state of this browser, as told by the backend. Nothing about
// the session is stored client-side; the auth cookie is HttpOnly.

/**
 * @typedef {Object} AuthStatus
 * @property {boolean} setupRequired no owner exists yet
 * @property {boolean} authenticated
 * @property {string | null} email
 * @property {boolean} [demoMode] the SmugMug and AI services are test doubles (scripts/start.sh --demo)
 */

/** Only a change of who is signed in (or of the mode) is news. */
const session = createStore(/** @type {AuthStatus} */ ({ setupRequired: false, authenticated: false, email: null }), {
  name: 'session',
  equals: (a, b) => a.authenticated === b.authenticated && a.setupRequired === b.setupRequired
    && a.email === b.email && a.demoMode === b.demoMode,
});

/** @returns {AuthStatus} */
export function getSession() {
  return session.get();
}

/**
 * @param {(status: AuthStatus) => void} listener
 * @returns {() => void}
 */
export function onSessionChange(listener) {
  return session.subscribe(listener);
}

const setSession = session.set;

/**
 * Asks the backend who we are (also issues the XSRF-TOKEN cookie).
 * @returns {Promise<AuthStatus>}
 */
export async function loadStatus() {
  /** @type {AuthStatus} */
  const result = await api.get('/api/auth/status');
  setSession({
    setupRequired: Boolean(result?.setupRequired),
    authenticated: Boolean(result?.authenticated),
    email: result?.email ?? null,
    demoMode: Boolean(result?.demoMode),
  });
  return session.get();
}

/**
 * Creates the owner account (first run only) and signs in.
 * @param {string} email
 * @param {string} password
 */
export async function setupOwner(email, password) {
  /** @type {{ email: string }} */
  const result = await api.post('/api/auth/setup', { email, password });
  setSession({ ...session.get(), setupRequired: false, authenticated: true, email: result?.email ?? email });
}

/**
 * @param {string} email
 * @param {string} password
 */
export async function login(email, password) {
  /** @type {{ email: string }} */
  const result = await api.post('/api/auth/login', { email, password });
  setSession({ ...session.get(), setupRequired: false, authenticated: true, email: result?.email ?? email });
}

export async function logout() {
  try {
    await api.post('/api/auth/logout');
  } finally {
    // Even if the call fails the UI must not keep showing private screens.
    setSession({ ...session.get(), setupRequired: false, authenticated: false, email: null });
  }
}

/** Marks the session as expired after a 401 from a protected endpoint. */
export function markSignedOut() {
  setSession({ ...session.get(), authenticated: false, email: null });
}
