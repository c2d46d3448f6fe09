import { el } from '../ui/dom.js';
import { photoUrls } from '../library/photos-api.js';

// The preview of a write-back: one row per photo, each written field shown
// as "current SmugMug value → new value".

/** @typedef {import('./autopilot-api.js').WriteBackItem} WriteBackItem */
/** @typedef {import('./autopilot-api.js').Change} Change */

/**
 * @param {string} label
 * @param {Change | null} change
 * @param {(v: any) => string} show
 */
function change(label, change, show) {
  if (!change) return null;
  return el('div', { class: 'writeback-change', dataset: { field: label.toLowerCase() } },
    el('strong', {}, `${label}: `),
    el('span', { class: 'muted writeback-change__from' }, show(change.from) || '(empty)'),
    ' → ',
    el('span', { class: 'writeback-change__to' }, show(change.to)));
}

/** @param {any} v */
const text = (v) => (v == null ? '' : String(v));
/** @param {any} v */
const list = (v) => (Array.isArray(v) ? v.join('; ') : '');

/**
 * @param {WriteBackItem[]} items
 * @returns {HTMLElement}
 */
export function diffTable(items) {
  return el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'writeback-diff' },
    el('thead', {}, el('tr', {}, ['Photo', 'Changes', 'State'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map((i) => el('tr', { dataset: { photoId: String(i.photoId), status: i.status } },
      el('td', {}, el('img', { src: photoUrls.thumbnail(i.photoId), alt: '', width: 64, height: 64, loading: 'lazy' }), el('br'), i.imageKey),
      el('td', {}, change('Caption', i.caption, text), change('Keywords', i.keywords, list), change('Title', i.title, text)),
      el('td', {}, i.status, i.message ? el('p', { class: 'muted' }, i.message) : null))))));
}
