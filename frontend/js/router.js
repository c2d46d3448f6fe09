// URL ↔ view. Clean History API paths (no hash) so every screen, folder and
// album has a shareable URL, reload restores it and the back button works.
// The web server must answer unknown non-/api paths with index.html. Routes and
// matching: route-table.js; scroll memory: router-scroll.js; links: router-links.js.

import { createStore } from './core/store.js';
import { match, setRoutes } from './route-table.js';
import { FALLBACK_PATH, interceptLinks } from './router-links.js';
import { enterEntry, rememberScroll, restoreScroll } from './router-scroll.js';

// Views and main.js import all of it from here (the parts are this module's own).
export { match } from './route-table.js';
export { FALLBACK_PATH, path, safeNext } from './router-links.js';
export { pushEntry } from './router-scroll.js';

/** @typedef {import('./route-table.js').RouteContext} RouteContext */
/** @typedef {import('./route-table.js').View} View */
/** @typedef {import('./route-table.js').Route} Route */
/** @typedef {import('./route-table.js').Guard} Guard */
/** @typedef {import('./route-table.js').Match} Match */

/** @type {HTMLElement | null} */
let outlet = null;
/** @type {Guard} */
let guard = () => null;
/** @type {AbortController | null} */
let current = null;
/** @type {void | (() => void)} */
let cleanup;
/** The route on screen; every render is news (same route, new params). */
const shown = createStore(/** @type {{ route: Route, path: string } | null} */ (null), { name: 'router', equals: () => false });
let renderCount = 0;

/**
 * Configures the router. Call once before start().
 * @param {Object} options
 * @param {Route[]} options.routes
 * @param {HTMLElement} options.outlet where views render
 * @param {Guard} [options.guard]
 */
export function configure(options) {
  setRoutes(options.routes);
  outlet = options.outlet;
  if (options.guard) guard = options.guard;
}

/**
 * Starts listening to link clicks and history changes, and renders the current URL.
 */
export function start() {
  history.scrollRestoration = 'manual';
  window.addEventListener('popstate', () => void render(true));
  interceptLinks(navigate);
  void render();
}

/**
 * Goes to an in-app path ("/library/album/abc?x=1").
 * @param {string} to
 * @param {{ replace?: boolean }} [options]
 */
export function navigate(to, options = {}) {
  const url = new URL(to, window.location.origin);
  if (url.origin !== window.location.origin) throw new Error(`router: external URL ${to}`);
  const target = url.pathname + url.search + url.hash;
  const here = window.location.pathname + window.location.search + window.location.hash;
  if (options.replace) {
    history.replaceState(null, '', target);
  } else if (target !== here) {
    history.pushState(null, '', target);
  }
  return render();
}

/**
 * Re-renders the current URL (e.g. after signing in or out changes what the guard allows).
 */
export function refresh() {
  return render();
}

/**
 * Notified after each view render, with the active route (for header tabs, titles).
 * @param {(route: Route, path: string) => void} listener
 * @returns {() => void}
 */
export function onRouteChange(listener) {
  return shown.subscribe((value) => {
    if (value) listener(value.route, value.path);
  });
}

/** @param {boolean} [back] reached by Back or Forward: scroll to where the entry was left */
async function render(back = false) {
  if (!outlet) throw new Error('router: configure() first');
  const pathname = window.location.pathname;
  const query = new URLSearchParams(window.location.search);
  const found = match(pathname);
  if (!found) {
    history.replaceState(null, '', FALLBACK_PATH);
    return render(back);
  }
  const redirect = guard(pathname, found.route, query);
  if (redirect && redirect !== pathname + window.location.search) {
    history.replaceState(null, '', redirect);
    return render(back);
  }

  current?.abort();
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (err) {
      console.error('router: view cleanup failed', err);
    }
  }
  cleanup = undefined;
  const controller = new AbortController();
  current = controller;

  rememberScroll();
  const leftAt = enterEntry();
  const returnTo = back ? leftAt : 0;

  const { route, params } = found;
  const container = outlet;
  container.replaceChildren();
  document.title = `${route.title} · TargetVision`;
  shown.set({ route, path: pathname });

  renderCount += 1;
  // Move focus to the new content for keyboard and screen-reader users, but
  // not on the first load where the browser's default focus is expected.
  if (renderCount > 1) container.focus({ preventScroll: true });
  window.scrollTo(0, 0);

  try {
    const result = await route.view(container, { path: pathname, params, query, signal: controller.signal });
    if (controller.signal.aborted) {
      if (typeof result === 'function') result();
    } else {
      cleanup = result;
      if (returnTo > 0) restoreScroll(returnTo, controller.signal);
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    console.error('router: view failed', err);
    throw err;
  }
}
