import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';
import { dateTime } from '../ui/format.js';
import { clearCache, getCacheStatus } from '../processing/processing-api.js';
import { count } from '../processing/format.js';

// Settings → Cache: what the server keeps of SmugMug listings (folders ~5 min,
// covers ~1 h) and a button that empties it, e.g. after reorganising SmugMug.
// The status is shown field by field as the server reports it, so a new
// counter on the server appears here without a frontend change.

/**
 * "hitRatio" → "Hit ratio".
 * @param {string} key
 */
function humanise(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * @param {string} key
 * @param {unknown} value
 * @returns {string}
 */
function display(key, value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (/bytes$/i.test(key)) return `${(value / (1024 * 1024)).toFixed(1)} MB`;
    if (/ratio|rate/i.test(key) && value <= 1) return `${Math.round(value * 100)} %`;
    if (/seconds$/i.test(key)) return `${count(value)} s`;
    return count(value);
  }
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\dT/.test(value) ? dateTime(value) : value;
  if (Array.isArray(value)) return value.map((v) => display('', v)).join(', ');
  return Object.entries(value).map(([k, v]) => `${humanise(k)}: ${display(k, v)}`).join(' · ');
}

/**
 * Renders cache status and the clear action into `#settings-cache`.
 * @param {HTMLElement} section
 * @param {AbortSignal} signal
 */
export function mountCacheSettings(section, signal) {
  const headingId = uid('cache-heading');
  section.setAttribute('aria-labelledby', headingId);
  const status = el('div', { class: 'cache__status', 'aria-live': 'polite' }, el('p', { class: 'muted' }, 'Loading cache status…'));
  const clearButton = el('button', { type: 'button', class: 'btn btn--secondary', dataset: { action: 'clear-cache' } }, 'Clear cache');
  const refreshButton = el('button', { type: 'button', class: 'btn btn--ghost' }, 'Refresh');
  replaceChildren(section,
    el('h2', { class: 'section-title', id: headingId }, 'Cache'),
    el('p', { class: 'section-intro muted' },
      'SmugMug folder and album listings are cached for a few minutes and covers for about an hour. Clear it to see changes made on SmugMug right away.'),
    el('div', { class: 'card cache' }, status, el('div', { class: 'button-row' }, clearButton, refreshButton)));

  async function load() {
    try {
      const data = await getCacheStatus(signal);
      if (signal.aborted) return;
      const entries = Object.entries(data ?? {});
      replaceChildren(status, entries.length
        ? el('dl', { class: 'facts' }, entries.flatMap(([k, v]) => [el('dt', null, humanise(k)), el('dd', null, display(k, v))]))
        : el('p', { class: 'muted' }, 'The cache is empty.'));
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(status, el('p', { class: 'text-fail' }, `Cache status could not be loaded: ${errorMessage(err)}`));
    }
  }

  refreshButton.addEventListener('click', () => void withBusy(refreshButton, load));
  clearButton.addEventListener('click', () => void withBusy(clearButton, async () => {
    try {
      await clearCache();
      toast.success('Cache cleared. Listings are fetched fresh from SmugMug.');
      await load();
    } catch (err) {
      toastError(err, 'Could not clear the cache');
    }
  }));

  void load();
}
