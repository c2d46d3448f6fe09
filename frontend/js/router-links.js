// In-app URLs: which clicked links the router takes over, the `path` tag that
// encodes ids into paths, and which ?next= targets are safe after sign-in.

export const FALLBACK_PATH = '/library';

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

/**
 * Plain same-origin links go through the router instead of reloading the page; modifier-clicks, other targets,
 * downloads, `data-external` and /api/ links are left to the browser.
 * @param {(to: string) => unknown} navigate
 */
export function interceptLinks(navigate) {
  document.addEventListener('click', (event) => onLinkClick(event, navigate));
}

/**
 * @param {MouseEvent} event
 * @param {(to: string) => unknown} navigate
 */
function onLinkClick(event, navigate) {
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
