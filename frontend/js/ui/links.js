import { el } from './dom.js';

// Links whose address comes from data (SmugMug's WebUri, a published album):
// only absolute http(s) URLs become links. The server already drops anything
// else when it maps SmugMug's answers; this is the second line for data stored
// before that, or from any other source. A javascript: or data: URL is never
// rendered as an href.

/**
 * @param {unknown} value
 * @returns {string | null} the URL when it is an absolute http(s) URL, otherwise null
 */
export function httpUrl(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url.href : null;
}

/**
 * A link that opens outside the app, or null when the address is not a web URL.
 * @param {unknown} href
 * @param {Record<string, any> | null} props extra attributes (class, data-*, …)
 * @param {import('./dom.js').Children} text
 * @returns {HTMLAnchorElement | null}
 */
export function externalLink(href, props, text) {
  const safe = httpUrl(href);
  if (!safe) return null;
  return el('a', { ...props, href: safe, target: '_blank', rel: 'noopener noreferrer', 'data-external': '' }, text);
}
