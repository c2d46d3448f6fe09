import { el } from '../ui/dom.js';

// The album's status filter: one select (with counts) and "show described",
// kept in the URL (?status=…, ?described=hide) so reload and links keep it.

/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */

/** Filter values as they appear in the URL, and the statuses they match. */
export const FILTERS = /** @type {const} */ ([
  { value: 'all', label: 'All photos', statuses: null },
  { value: 'not_synced', label: 'Not synced', statuses: ['not_synced'] },
  { value: 'not_processed', label: 'Not described', statuses: ['not_processed'] },
  { value: 'processing', label: 'In progress', statuses: ['queued', 'processing'] },
  { value: 'described', label: 'Described', statuses: ['completed'] },
  { value: 'failed', label: 'Failed', statuses: ['failed'] },
]);

/**
 * @param {string} value
 * @param {string} status
 */
const inFilter = (value, status) => {
  const f = FILTERS.find((x) => x.value === value);
  return !f?.statuses || (/** @type {readonly string[]} */ (f.statuses)).includes(status);
};

/**
 * @param {URLSearchParams} query the page's query at render time
 * @param {() => void} onChange the filter changed (the URL is already updated)
 */
export function createAlbumFilter(query, onChange) {
  /** @type {string} */
  let filter = (FILTERS.find((f) => f.value === query.get('status')) ?? FILTERS[0]).value;
  let showDescribed = query.get('described') !== 'hide';

  const select = el('select', { class: 'album-filter__select', 'aria-label': 'Show photos with status' },
    FILTERS.map((f) => el('option', { value: f.value, selected: f.value === filter }, f.label)));
  const toggle = el('input', { type: 'checkbox', checked: showDescribed });
  const element = el('div', { class: 'album-filter' }, select,
    el('label', { class: 'album-filter__toggle' }, toggle, ' Show described'));

  function changed() {
    const url = new URL(window.location.href);
    if (filter === 'all') url.searchParams.delete('status');
    else url.searchParams.set('status', filter);
    if (showDescribed) url.searchParams.delete('described');
    else url.searchParams.set('described', 'hide');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    onChange();
  }
  select.addEventListener('change', () => {
    filter = select.value;
    changed();
  });
  toggle.addEventListener('change', () => {
    showDescribed = toggle.checked;
    changed();
  });

  return {
    element,
    /** @param {PhotoSummary} photo */
    matches(photo) {
      if (!inFilter(filter, photo.status)) return false;
      // "Described" as a filter wins over hiding described photos.
      return showDescribed || filter === 'described' || photo.status !== 'completed';
    },
    /**
     * Writes each option's count and returns them.
     * @param {PhotoSummary[]} all
     * @returns {Record<string, number>}
     */
    count(all) {
      /** @type {Record<string, number>} */
      const counts = {};
      for (const f of FILTERS) counts[f.value] = all.filter((p) => inFilter(f.value, p.status)).length;
      for (const option of select.options) {
        const f = FILTERS.find((x) => x.value === option.value);
        if (f) option.textContent = `${f.label} (${(counts[f.value] ?? 0).toLocaleString()})`;
      }
      return counts;
    },
    reset() {
      filter = 'all';
      select.value = 'all';
      showDescribed = true;
      toggle.checked = true;
      changed();
    },
  };
}
