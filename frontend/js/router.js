// URL ↔ view. Clean History API paths (no hash) so every screen, folder and
// album has a shareable URL, reload restores it and the back button works.
// The web server must answer unknown non-/api paths with index.html.

import { createStore } from './core/store.js';

/**
 * @typedef {Object} RouteContext
 * @property {string} path the matched pathname
 * @property {Record<string, string>} params decoded path parameters
 * @property {URLSearchParams} query
 * @property {AbortSignal} signal aborted when the user leaves the view; pass it to fetches
 */

/**
 * A view renders into the main container and may return a cleanup function.
 * @typedef {(container: HTMLElement, ctx: RouteContext) => void | (() => void) | Promise<void | (() => void)>} View
 */

/**
 * @typedef {Object} Route
 * @property {string} pattern e.g. "/library/album/:albumKey"
 * @property {View} view
 * @property {string} title document title fragment
 * @property {string} [section] the header tab this route belongs to
 * @property {boolean} [public] reachable without signing in
 */

/**
 * Returns a path to redirect to, or null to allow the navigation.
 * @typedef {(path: string, route: Route, query: URLSearchParams) => string | null} Guard
 */

/** @typedef {{ route: Route, params: Record<string, string> }} Match */

export const FALLBACK_PATH = '/library';

/** @type {{ route: Route, regex: RegExp, keys: string[] }[]} */
let compiled = [];
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

// Back and Forward return to where the page was scrolled. The browser cannot do it for us: views draw after the
// navigation, and long lists (search results, albums) read their pages as they come into view. Each history entry
// gets a key in its state; leaving an entry records its scroll position under that key.
/** @type {Map<string, number>} */
const scrollMemory = new Map();
/** @type {string | null} */
let entryKey = null;

/** @returns {string} the current history entry's key, given one if it has none */
function currentEntryKey() {
  const state = history.state;
  if (state && typeof state === 'object' && typeof state.tvEntry === 'string') return state.tvEntry;
  const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  history.replaceState({ ...(state && typeof state === 'object' ? state : {}), tvEntry: key }, '');
  return key;
}

function rememberScroll() {
  if (entryKey !== null) scrollMemory.set(entryKey, window.scrollY);
}

/**
 * Scrolls back to y as the view grows to reach it (the list reads more pages as its end comes into view), until
 * the user scrolls, types or clicks, the view is left, or a few seconds pass.
 * @param {number} y
 * @param {AbortSignal} signal
 */
function restoreScroll(y, signal) {
  const stop = new AbortController();
  const done = () => stop.abort();
  const step = () => {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.min(y, Math.max(0, max)));
    if (max >= y) done();
  };
  const observer = new ResizeObserver(step);
  observer.observe(document.body);
  stop.signal.addEventListener('abort', () => observer.disconnect());
  signal.addEventListener('abort', done, { signal: stop.signal });
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
    window.addEventListener(type, done, { once: true, passive: true, signal: stop.signal });
  }
  const timer = setTimeout(done, 5000);
  stop.signal.addEventListener('abort', () => clearTimeout(timer));
  step();
}

/**
 * Adds a history entry for a view that redraws itself in place (no render), keeping the scroll memory right.
 * @param {string} url
 */
export function pushEntry(url) {
  rememberScroll();
  history.pushState(null, '', url);
  entryKey = currentEntryKey();
}

/**
 * Configures the router. Call once before start().
 * @param {Object} options
 * @param {Route[]} options.routes
 * @param {HTMLElement} options.outlet where views render
 * @param {Guard} [options.guard]
 */
export function configure(options) {
  compiled = options.routes.map((route) => {
    /** @type {string[]} */
    const keys = [];
    const source = route.pattern
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { route, regex: new RegExp(`^${source}/?$`), keys };
  });
  outlet = options.outlet;
  if (options.guard) guard = options.guard;
}

/**
 * @param {string} path
 * @returns {Match | null}
 */
export function match(path) {
  for (const { route, regex, keys } of compiled) {
    const m = regex.exec(path);
    if (!m) continue;
    /** @type {Record<string, string>} */
    const params = {};
    try {
      keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1]);
      });
    } catch {
      return null;
    }
    return { route, params };
  }
  return null;
}

/**
 * Starts listening to link clicks and history changes, and renders the current URL.
 */
export function start() {
  history.scrollRestoration = 'manual';
  window.addEventListener('popstate', () => void render(true));
  document.addEventListener('click', onLinkClick);
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

/**
 * Builds an in-app path with encoded segments: path`/library/album/${key}`.
 * @param {TemplateStringsArray} strings
 * @param {...(string | number)} values
 */
export function path(strings, ...values) {
  return strings.reduce((acc, s, i) => acc + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

/**
 * Only same-origin, relative-looking targets are accepted as post-login
 * destinations, so a crafted ?next= cannot send the user to another site.
 * @param {string | null} value
 * @returns {string}
 */
export function safeNext(value) {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return FALLBACK_PATH;
  if (value.startsWith('/login') || value.startsWith('/setup') || value.startsWith('/api/')) return FALLBACK_PATH;
  return value;
}

/** @param {MouseEvent} event */
function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = /** @type {Element | null} */ (event.target);
  const anchor = target?.closest('a');
  if (!anchor || !anchor.href) return;
  if (anchor.target && anchor.target !== '_self') return;
  if (anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  void navigate(url.pathname + url.search + url.hash);
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
  entryKey = currentEntryKey();
  const returnTo = back ? scrollMemory.get(entryKey) ?? 0 : 0;

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
