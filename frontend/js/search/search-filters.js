import { el, uid } from '../ui/dom.js';
import { createKeywordChips } from './keyword-chips.js';
import { createScopePicker } from './scope-picker.js';
import { filterCount } from './search-state.js';

// The filter panel: album/folder, capture dates, description status, has a
// description, approved only, photos or videos, and keywords. Each change hands the view a partial state. On a phone it
// folds behind a "Filters (n)" button; on wider screens it is a side column.

/** @typedef {import('./search-state.js').SearchState} SearchState */

const STATUSES = [
  ['', 'Any status'],
  ['completed', 'Described'],
  ['not_processed', 'Not described yet'],
  ['queued', 'Queued'],
  ['processing', 'Being described'],
  ['failed', 'Description failed'],
];

const HAS_DESCRIPTION = [
  ['', 'Either'],
  ['true', 'Yes'],
  ['false', 'No'],
];

const MEDIA = [
  ['', 'Photos and videos'],
  ['photo', 'Photos only'],
  ['video', 'Videos only'],
];

/**
 * @param {string} name
 * @param {string[][]} options [value, text] pairs
 * @param {string} value
 */
function select(name, options, value) {
  const control = el('select', { name }, options.map(([v, text]) => el('option', { value: v }, text)));
  control.value = value;
  return control;
}

/**
 * @param {string} label
 * @param {HTMLInputElement | HTMLSelectElement} control
 */
function field(label, control) {
  control.id = uid('filter');
  return el('div', { class: 'field' }, el('label', { class: 'field__label', for: control.id }, label), control);
}

/**
 * @param {Object} options
 * @param {SearchState} options.state
 * @param {(change: Partial<SearchState>) => void} options.onChange
 * @param {boolean} options.open shown on a phone (elsewhere it always is)
 * @param {(open: boolean) => void} options.onToggle
 * @returns {{ element: HTMLElement, setAlbums: (albums: import('./search-api.js').SyncedAlbum[]) => void }}
 */
export function createFilterPanel(options) {
  const { state, onChange } = options;
  const scope = createScopePicker({ albums: state.albums, folder: state.folder, onChange });

  const from = el('input', { type: 'date', name: 'from', value: state.from, max: state.to || undefined });
  const to = el('input', { type: 'date', name: 'to', value: state.to, min: state.from || undefined });
  // Only whole dates reach the URL (a half-typed date reads as ""), and only once typing pauses: each typed digit
  // of a year is a change, and each change a history entry.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let dateTimer;
  const commitDates = () => {
    clearTimeout(dateTimer);
    dateTimer = setTimeout(() => {
      if (from.isConnected) onChange({ from: from.value, to: to.value });
    }, 600);
  };
  from.addEventListener('change', commitDates);
  to.addEventListener('change', commitDates);

  const status = select('status', STATUSES, state.status);
  status.addEventListener('change', () => onChange({ status: status.value }));
  const described = select('hasDescription', HAS_DESCRIPTION, state.hasDescription);
  described.addEventListener('change', () => onChange({ hasDescription: /** @type {'' | 'true' | 'false'} */ (described.value) }));
  const media = select('media', MEDIA, state.media);
  media.addEventListener('change', () => onChange({ media: /** @type {'' | 'photo' | 'video'} */ (media.value) }));

  const approved = el('input', { type: 'checkbox', name: 'approved', checked: state.approved });
  approved.addEventListener('change', () => onChange({ approved: approved.checked }));

  const keywords = createKeywordChips({
    keywords: state.keywords,
    mode: state.keywordMode,
    onChange: (list, mode) => onChange({ keywords: list, keywordMode: mode }),
  });

  const count = filterCount(state);
  const clear = el('button', { type: 'button', name: 'clear-filters', class: 'btn btn--ghost btn--small', hidden: count === 0 }, 'Clear filters');
  clear.addEventListener('click', () => onChange({ albums: [], folder: '', from: '', to: '', status: '', approved: false, keywords: [], keywordMode: 'any', media: '', hasDescription: '' }));

  const bodyId = uid('filters');
  const toggle = el('button', { type: 'button', class: 'btn btn--secondary btn--small search-filters__toggle', 'aria-expanded': String(options.open), 'aria-controls': bodyId, name: 'filters-toggle' },
    count ? `Filters (${count})` : 'Filters');
  const body = el('div', { class: ['search-filters__body', options.open && 'is-open'], id: bodyId },
    scope.element,
    el('fieldset', { class: 'search-dates' }, el('legend', { class: 'field__label' }, 'Captured'),
      field('From', from), field('To', to)),
    field('Description', status),
    field('Has a description', described),
    el('label', { class: 'check' }, approved, ' Approved descriptions only'),
    field('Media', media),
    keywords,
    clear);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    body.classList.toggle('is-open', open);
    options.onToggle(open);
  });

  const element = el('section', { class: 'search-filters', 'aria-label': 'Filters' },
    el('h2', { class: 'search-filters__title' }, 'Filters'), toggle, body);
  return { element, setAlbums: scope.setAlbums };
}
