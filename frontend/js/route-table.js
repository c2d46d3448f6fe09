// The route table: what a route is (the router's contract with routes.js and
// the views) and how a path finds its route. Patterns such as
// "/library/album/:albumKey" become regexes once; parameters are decoded on match.

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

/** @type {{ route: Route, regex: RegExp, keys: string[] }[]} */
let compiled = [];

/**
 * Sets the route table, turning each pattern into a regex with its parameter names.
 * @param {Route[]} routes
 */
export function setRoutes(routes) {
  compiled = routes.map((route) => {
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
}

/**
 * The first route whose pattern matches, with its decoded parameters (none when one does not decode).
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
