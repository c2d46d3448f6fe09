import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { reconnectButton } from './library-errors.js';
import * as events from '../events.js';
import { toast } from '../ui/toast.js';
import { createProgressBar } from '../ui/progress.js';
import { plural, timeAgo } from '../ui/format.js';
import { getAlbumPage } from './library-api.js';
import { FIRST_PAGE_SIZE, invalidateLibrary, loadNode, takePrefetchedAlbum } from './library-cache.js';
import { createPhotoCard, setCardSelected, updateCardStatus } from './photo-card.js';
import { openPhotoModal } from './photo-modal.js';
import { createSyncControl } from './sync-control.js';
import {
  clearSelection, getSelection, isSelected, onSelectionChange, refreshSelected, setCurrentPhotos, setSelected,
} from './selection.js';

// The album page: header with counts, Sync and Refresh; selection tools,
// status filter and the "album-actions" slot other features fill; the photo
// grid, loaded progressively (first page fast, the rest streamed in with the
// cursor, cancelled when the user leaves); live status through pushed events.

/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('./library-api.js').AlbumInfo} AlbumInfo */
/** @typedef {import('./library-api.js').AlbumPage} AlbumPage */
/** @typedef {import('./library-view.js').LibraryFrame} LibraryFrame */

/**
 * What an "album-actions" mount receives besides its container.
 * @typedef {Object} AlbumContext
 * @property {string} albumKey
 * @property {AlbumInfo} album
 * @property {AbortSignal} signal aborted when the user leaves the album
 */

/**
 * Renders buttons into the album toolbar's `<div data-slot="album-actions">` (e.g. "Describe selected");
 * may return a cleanup. Use selection.js (getSelection, onSelectionChange, getCurrentPhotos) for what to act on.
 * @typedef {(container: HTMLElement, context: AlbumContext) => void | (() => void)} AlbumActionsMount
 */

/** @type {Set<AlbumActionsMount>} */
const actionMounts = new Set();

/**
 * Lets a feature add controls to every album's toolbar.
 * @param {AlbumActionsMount} mount
 * @returns {() => void} unregister
 */
export function registerAlbumActions(mount) {
  actionMounts.add(mount);
  return () => actionMounts.delete(mount);
}

/** Status filter values as they appear in the URL (?status=…), and what they match. */
const FILTERS = /** @type {const} */ ([
  { value: 'all', label: 'All photos', statuses: null },
  { value: 'not_synced', label: 'Not synced', statuses: ['not_synced'] },
  { value: 'not_processed', label: 'Not processed', statuses: ['not_processed'] },
  { value: 'processing', label: 'Processing', statuses: ['queued', 'processing'] },
  { value: 'described', label: 'Described', statuses: ['completed'] },
  { value: 'failed', label: 'Failed', statuses: ['failed'] },
]);

/** The API's page-size ceiling (SmugMug's own page size). */
const NEXT_PAGE_SIZE = 100;

/**
 * Calls back when the event stream opens again after having been open, i.e.
 * after an outage during which pushed updates were missed (not on the first connect).
 * @param {() => void} callback
 * @returns {() => void}
 */
export function onReconnect(callback) {
  let seenOpen = events.getState() === 'open';
  return events.onStateChange((state) => {
    if (state !== 'open') return;
    if (seenOpen) callback();
    seenOpen = true;
  });
}

/**
 * Asks whoever handles descriptions (the AI feature) to describe these photos. The event is cancelable: a
 * handler calls preventDefault() to say it took the request.
 * @param {(number | string)[]} photoIds
 * @returns {boolean} whether a handler took it
 */
export function requestDescribe(photoIds) {
  const event = new CustomEvent('describe-request', { detail: { photoIds }, cancelable: true });
  document.dispatchEvent(event);
  return event.defaultPrevented;
}

/**
 * @param {LibraryFrame} frame
 * @param {string} albumKey
 * @param {import('../router.js').RouteContext} ctx
 * @returns {() => void} cleanup
 */
export function renderAlbum(frame, albumKey, ctx) {
  /** @type {(() => void)[]} */
  const cleanups = [];
  /** @type {PhotoSummary[]} every loaded photo, in album order */
  let all = [];
  /** @type {Map<string, number>} imageKey → index in `all` */
  let indexByKey = new Map();
  /** @type {PhotoSummary[]} the photos shown after filtering */
  let visible = [];
  /** @type {AlbumInfo | null} */
  let album = null;
  let fullyLoaded = false;
  /** Described-count changes seen through events before every page is loaded. */
  let describedDelta = 0;
  let activeIndex = 0;
  /** @type {number | null} */
  let anchorIndex = null;
  /** @type {AbortController | null} */
  let loader = null;
  /** @type {boolean | null} the album's synced state the toolbar slot was mounted for */
  let slotsMountedFor = null;
  /** @type {(() => void)[]} */
  let slotCleanups = [];

  const initialFilter = FILTERS.find((f) => f.value === ctx.query.get('status')) ?? FILTERS[0];
  /** @type {string} */
  let filter = initialFilter.value;
  let showDescribed = ctx.query.get('described') !== 'hide';

  frame.title.textContent = 'Album';
  frame.setCrumbs([], '…');

  // ---------- header actions ----------
  const sync = createSyncControl({
    label: 'Sync album',
    request: { scope: 'album', albumKey },
    variant: 'primary',
    onFinished: () => {
      invalidateLibrary();
      frame.tree.reload();
      void load({ swap: true });
    },
  });
  cleanups.push(sync.destroy);
  const refreshButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', 'data-testid': 'album-refresh' }, 'Refresh');
  refreshButton.addEventListener('click', () => {
    invalidateLibrary();
    void load({ swap: true, button: refreshButton });
  });
  frame.actions.append(refreshButton, sync.element);

  // ---------- toolbar ----------
  const selectAll = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Select all');
  const clear = el('button', { type: 'button', class: 'btn btn--ghost btn--small', disabled: true }, 'Clear');
  const count = el('span', { class: 'album-tools__count', role: 'status', 'aria-live': 'polite' }, 'None selected');
  const statusSelect = el('select', { class: 'album-tools__select', 'aria-label': 'Show photos with status' },
    FILTERS.map((f) => el('option', { value: f.value, selected: f.value === filter }, f.label)));
  const describedToggle = el('input', { type: 'checkbox', checked: showDescribed });
  const describedLabel = el('label', { class: 'album-tools__toggle' }, describedToggle, ' Show described');
  const actionsSlot = el('div', { class: 'album-tools__slot', 'data-slot': 'album-actions' });
  const tools = el('div', { class: 'album-tools', role: 'toolbar', 'aria-label': 'Album tools' },
    el('div', { class: 'album-tools__group' }, selectAll, clear, count),
    el('div', { class: 'album-tools__group' }, statusSelect, describedLabel),
    actionsSlot,
  );
  const loadingBar = createProgressBar({ compact: false, label: 'Loading photos' });
  const loading = el('div', { class: 'album-loading', role: 'status' }, loadingBar.element);
  const notice = el('p', { class: 'album-notice', hidden: true });
  const grid = el('ul', { class: 'photo-grid', 'aria-label': 'Photos', 'data-testid': 'photo-grid' });
  const empty = el('div', { class: 'empty-state card', hidden: true });
  replaceChildren(frame.body, el('div', { class: 'album' }, tools, notice, loading, grid, empty));

  selectAll.addEventListener('click', () => setSelected(visible, true));
  clear.addEventListener('click', () => clearSelection());
  statusSelect.addEventListener('change', () => {
    filter = statusSelect.value;
    applyFilter();
  });
  describedToggle.addEventListener('change', () => {
    showDescribed = describedToggle.checked;
    applyFilter();
  });

  // ---------- selection ----------
  cleanups.push(onSelectionChange((selection) => {
    for (const card of /** @type {NodeListOf<HTMLElement>} */ (grid.querySelectorAll('.photo-card'))) {
      setCardSelected(card, isSelected(card.dataset.imageKey ?? ''));
    }
    const n = selection.imageKeys.length;
    count.textContent = n === 0 ? 'None selected'
      : `${n.toLocaleString()} selected${selection.unsyncedCount ? ` (${selection.unsyncedCount.toLocaleString()} not synced)` : ''}`;
    clear.disabled = n === 0;
  }));

  /**
   * @param {number} index in `visible`
   * @param {boolean} range extend from the anchor (shift)
   * @param {boolean} [value] the new state; default toggles
   */
  function toggle(index, range, value) {
    const photo = visible[index];
    if (!photo) return;
    if (range && anchorIndex !== null && visible[anchorIndex]) {
      const from = Math.min(anchorIndex, index);
      const to = Math.max(anchorIndex, index);
      // The range takes the anchor's state, as in file managers.
      setSelected(visible.slice(from, to + 1), isSelected(visible[anchorIndex].imageKey));
    } else {
      setSelected([photo], value ?? !isSelected(photo.imageKey));
      anchorIndex = index;
    }
  }

  // ---------- roving focus ----------
  /** @param {number} index */
  function cardAt(index) {
    return /** @type {HTMLElement | null} */ (grid.children[index] ?? null);
  }

  /**
   * One card is the grid's tab stop; arrows move it.
   * @param {number} index
   * @param {boolean} focus
   */
  function setActive(index, focus) {
    if (visible.length === 0) return;
    const next = Math.max(0, Math.min(index, visible.length - 1));
    const previous = cardAt(activeIndex);
    if (previous) for (const node of previous.querySelectorAll('[data-roving]')) node.setAttribute('tabindex', '-1');
    activeIndex = next;
    const card = cardAt(next);
    if (!card) return;
    for (const node of card.querySelectorAll('[data-roving]')) node.setAttribute('tabindex', '0');
    if (focus) {
      /** @type {HTMLElement | null} */ (card.querySelector('[data-role="focus"]'))?.focus();
      card.scrollIntoView({ block: 'nearest' });
    }
  }

  function columns() {
    const first = cardAt(0);
    if (!first) return 1;
    let n = 0;
    for (const card of /** @type {HTMLCollectionOf<HTMLElement>} */ (grid.children)) {
      if (card.offsetTop !== first.offsetTop) break;
      n += 1;
    }
    return Math.max(1, n);
  }

  /** @param {number} index */
  function openAt(index) {
    if (!visible[index]) return;
    setActive(index, false);
    openPhotoModal(visible, index, { onIndexChange: (i) => setActive(i, false) });
  }

  /** @param {PhotoSummary} photo */
  function describe(photo) {
    if (photo.photoId === null || photo.photoId === undefined) return;
    if (!requestDescribe([photo.photoId])) toast.info('Describing photos is not available in this version yet.');
  }

  /** @param {EventTarget | null} target */
  function indexOf(target) {
    const card = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (target)?.closest?.('.photo-card'));
    return card ? Number(card.dataset.index) : -1;
  }

  grid.addEventListener('focusin', (event) => {
    const index = indexOf(event.target);
    if (index >= 0 && index !== activeIndex) setActive(index, false);
  });

  grid.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const index = indexOf(target);
    if (index < 0) return;
    const action = /** @type {HTMLElement | null} */ (target.closest('[data-action]'))?.dataset.action;
    if (action === 'open') {
      openAt(index);
    } else if (action === 'describe') {
      describe(visible[index]);
    } else if (target.classList.contains('photo-card__checkbox')) {
      // The browser already flipped the box; make the selection follow it.
      toggle(index, event.shiftKey, /** @type {HTMLInputElement} */ (target).checked);
    } else {
      event.preventDefault();
      toggle(index, event.shiftKey);
      setActive(index, true);
    }
  });
  grid.addEventListener('dblclick', (event) => {
    const index = indexOf(event.target);
    if (index >= 0 && !(/** @type {HTMLElement} */ (event.target).closest('[data-action]'))) openAt(index);
  });
  // Shift-click would otherwise select the page's text across cards.
  grid.addEventListener('mousedown', (event) => {
    if (event.shiftKey) event.preventDefault();
  });

  grid.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const index = indexOf(target);
    if (index < 0) return;
    const onFocusTarget = target.dataset.role === 'focus';
    switch (event.key) {
      case 'ArrowRight': setActive(index + 1, true); break;
      case 'ArrowLeft': setActive(index - 1, true); break;
      case 'ArrowDown': setActive(index + columns(), true); break;
      case 'ArrowUp': setActive(index - columns(), true); break;
      case 'Home': setActive(0, true); break;
      case 'End': setActive(visible.length - 1, true); break;
      case ' ':
        // Buttons keep their own Space; on the card itself Space toggles it (Shift+Space extends the range).
        if (!onFocusTarget) return;
        toggle(index, event.shiftKey);
        break;
      case 'Enter':
        if (!onFocusTarget) return;
        openAt(index);
        break;
      case 'a':
      case 'A':
        if (!(event.ctrlKey || event.metaKey)) return;
        setSelected(visible, true);
        break;
      case 'Escape':
        if (getSelection().imageKeys.length === 0) return;
        clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // ---------- rendering ----------
  /** @param {PhotoSummary} photo */
  function matches(photo) {
    const f = FILTERS.find((x) => x.value === filter) ?? FILTERS[0];
    if (f.statuses && !(/** @type {readonly string[]} */ (f.statuses)).includes(photo.status)) return false;
    // "Described" as a filter wins over hiding described photos.
    if (!showDescribed && filter !== 'described' && photo.status === 'completed') return false;
    return true;
  }

  function syncUrl() {
    const url = new URL(window.location.href);
    if (filter === 'all') url.searchParams.delete('status');
    else url.searchParams.set('status', filter);
    if (showDescribed) url.searchParams.delete('described');
    else url.searchParams.set('described', 'hide');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  function applyFilter() {
    syncUrl();
    renderGrid();
  }

  function renderGrid() {
    const focusedKey = grid.contains(document.activeElement)
      ? /** @type {HTMLElement | null} */ (document.activeElement?.closest('.photo-card') ?? null)?.dataset.imageKey
      : undefined;
    visible = all.filter(matches);
    grid.replaceChildren(...visible.map((photo, i) => createPhotoCard(photo, i, isSelected(photo.imageKey))));
    const focusIndex = focusedKey ? visible.findIndex((p) => p.imageKey === focusedKey) : -1;
    activeIndex = Math.min(activeIndex, Math.max(0, visible.length - 1));
    setActive(focusIndex >= 0 ? focusIndex : activeIndex, focusIndex >= 0);
    afterChange();
  }

  /** @param {PhotoSummary[]} photos */
  function appendPhotos(photos) {
    const start = visible.length;
    const added = [];
    for (const photo of photos) {
      indexByKey.set(photo.imageKey, all.length);
      all.push(photo);
      if (matches(photo)) added.push(photo);
    }
    visible = visible.concat(added);
    grid.append(...added.map((photo, i) => createPhotoCard(photo, start + i, isSelected(photo.imageKey))));
    if (start === 0) setActive(0, false);
    afterChange();
  }

  function counts() {
    /** @type {Record<string, number>} */
    const byFilter = {};
    for (const f of FILTERS) byFilter[f.value] = 0;
    for (const photo of all) {
      byFilter.all += 1;
      for (const f of FILTERS) if (f.statuses && (/** @type {readonly string[]} */ (f.statuses)).includes(photo.status)) byFilter[f.value] += 1;
    }
    return byFilter;
  }

  function afterChange() {
    setCurrentPhotos(albumKey, visible);
    const byFilter = counts();
    for (const option of statusSelect.options) {
      const f = FILTERS.find((x) => x.value === option.value);
      if (f) option.textContent = `${f.label} (${(byFilter[f.value] ?? 0).toLocaleString()})`;
    }
    if (album) {
      const described = fullyLoaded ? byFilter.described : Math.max(0, album.describedCount + describedDelta);
      const total = fullyLoaded ? all.length : album.imageCount;
      const parts = [plural(total, 'photo'), `${described.toLocaleString()} described`];
      if (album.synced && album.syncedAt) parts.push(`synced ${timeAgo(album.syncedAt)}`);
      frame.subtitle.textContent = parts.join(' • ');
      frame.subtitle.dataset.described = String(described);
      notice.hidden = album.synced;
      notice.textContent = album.synced ? '' : 'This album is not synced yet. Sync it to describe, search and collect its photos.';
    }
    const nothing = fullyLoaded && visible.length === 0;
    empty.hidden = !nothing;
    if (nothing) {
      if (all.length === 0) {
        replaceChildren(empty, el('p', { class: 'empty-state__title' }, 'This album has no photos.'));
      } else {
        const showAll = el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, 'Show all photos');
        showAll.addEventListener('click', () => {
          filter = 'all';
          statusSelect.value = 'all';
          showDescribed = true;
          describedToggle.checked = true;
          applyFilter();
        });
        replaceChildren(empty, el('p', { class: 'empty-state__title' }, 'No photos match this filter.'), showAll);
      }
    }
  }

  /** @param {AlbumInfo} info */
  function showAlbum(info) {
    album = info;
    const name = info.name || 'Untitled album';
    frame.title.textContent = name;
    document.title = `${name} · Library · TargetVision`;
    if (slotsMountedFor === null) void showTrail(info);
    // Remount when a sync changes what the album allows (describing needs synced photos).
    if (slotsMountedFor !== info.synced) mountActionSlots(info);
  }

  /** @param {AlbumInfo} info */
  async function showTrail(info) {
    const name = info.name || 'Untitled album';
    frame.setCrumbs([], name);
    if (!info.nodeId) return;
    try {
      const listing = await loadNode(info.nodeId);
      if (ctx.signal.aborted) return;
      const trail = (listing.node.breadcrumbs ?? []).filter((c) => c && c.nodeId && c.nodeId !== info.nodeId);
      frame.setCrumbs(trail, name);
      frame.tree.expandTo(trail.map((c) => c.nodeId));
    } catch {
      // The album's place in the folder tree is a nicety; the album itself is shown.
    }
  }

  function unmountActionSlots() {
    for (const cleanup of slotCleanups) {
      try {
        cleanup();
      } catch (err) {
        console.error('album-view: album-actions cleanup failed', err);
      }
    }
    slotCleanups = [];
    actionsSlot.replaceChildren();
  }

  /** @param {AlbumInfo} info */
  function mountActionSlots(info) {
    unmountActionSlots();
    slotsMountedFor = info.synced;
    for (const mount of actionMounts) {
      try {
        const cleanup = mount(actionsSlot, { albumKey, album: info, signal: ctx.signal });
        if (typeof cleanup === 'function') slotCleanups.push(cleanup);
      } catch (err) {
        console.error('album-view: album-actions mount failed', err);
      }
    }
  }
  cleanups.push(unmountActionSlots);

  /**
   * Loads every page. The first one shows at once; with `swap` (refresh after a
   * sync) the current grid stays until the new list is complete, so the page
   * does not jump.
   * @param {{ swap?: boolean, button?: HTMLButtonElement }} [options]
   */
  async function load(options = {}) {
    loader?.abort();
    const controller = new AbortController();
    loader = controller;
    const signal = AbortSignal.any([controller.signal, ctx.signal]);
    if (options.button) options.button.classList.add('is-busy');
    loading.hidden = false;
    loadingBar.indeterminate(options.swap ? 'Refreshing photos…' : 'Loading photos…');

    /** @type {PhotoSummary[]} */
    const collected = [];
    try {
      /** @type {AlbumPage} */
      const first = await ((!options.swap && takePrefetchedAlbum(albumKey)) || getAlbumPage(albumKey, { limit: FIRST_PAGE_SIZE, signal }));
      if (signal.aborted) return;
      describedDelta = 0;
      showAlbum(first.album);
      fullyLoaded = !first.nextCursor;
      if (options.swap) {
        collected.push(...first.photos);
      } else {
        all = [];
        indexByKey = new Map();
        visible = [];
        grid.replaceChildren();
        appendPhotos(first.photos);
      }
      let cursor = first.nextCursor;
      const total = first.album.imageCount;
      while (cursor) {
        const loaded = options.swap ? collected.length : all.length;
        loadingBar.update(loaded, Math.max(total, loaded), options.swap ? 'Refreshing photos' : 'Loading photos');
        const page = await getAlbumPage(albumKey, { cursor, limit: NEXT_PAGE_SIZE, signal });
        if (signal.aborted) return;
        if (options.swap) collected.push(...page.photos);
        else appendPhotos(page.photos);
        cursor = page.nextCursor;
      }
      fullyLoaded = true;
      if (options.swap) {
        all = collected;
        indexByKey = new Map(all.map((p, i) => [p.imageKey, i]));
        for (const photo of all) refreshSelected(photo);
        renderGrid();
      } else {
        afterChange();
      }
      loading.hidden = true;
    } catch (err) {
      if (signal.aborted) return;
      loading.hidden = true;
      if (all.length === 0) {
        frame.title.textContent = album?.name || 'Album';
        const retry = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Try again');
        retry.addEventListener('click', () => void load());
        replaceChildren(frame.body, el('div', { class: 'empty-state card library-error' },
          el('p', { class: 'empty-state__title' }, 'This album could not be loaded.'),
          el('p', { class: 'muted' }, errorMessage(err)), reconnectButton(err) ?? retry));
      } else {
        const retry = el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, 'Reload');
        retry.addEventListener('click', () => void load({ swap: true }));
        replaceChildren(notice, `Not every photo could be loaded: ${errorMessage(err)} `, retry);
        notice.hidden = false;
      }
    } finally {
      if (options.button) options.button.classList.remove('is-busy');
      if (loader === controller) loader = null;
    }
  }

  // ---------- live updates ----------
  cleanups.push(events.subscribe('photo.status', (data) => {
    if (!data || typeof data !== 'object') return;
    const i = data.imageKey ? indexByKey.get(data.imageKey) : all.findIndex((p) => p.photoId === data.photoId);
    if (i === undefined || i < 0) return;
    const previous = all[i];
    const photo = { ...previous, status: data.status, statusError: data.error ?? null, photoId: data.photoId ?? previous.photoId };
    if (previous.status !== 'completed' && photo.status === 'completed') describedDelta += 1;
    if (previous.status === 'completed' && photo.status !== 'completed') describedDelta -= 1;
    all[i] = photo;
    const v = visible.findIndex((p) => p.imageKey === photo.imageKey);
    if (v >= 0) {
      visible[v] = photo;
      const card = cardAt(v);
      if (card) updateCardStatus(card, photo);
    }
    refreshSelected(photo);
    afterChange();
  }));

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let reloadTimer;
  const reloadSoon = () => {
    clearTimeout(reloadTimer);
    // A folder sync reports many albums in a burst; one reload is enough.
    reloadTimer = setTimeout(() => void load({ swap: true }), 300);
  };
  cleanups.push(events.subscribe('sync.album', (data) => {
    if (data && data.albumKey === albumKey) {
      invalidateLibrary();
      reloadSoon();
    }
  }));
  cleanups.push(onReconnect(() => {
    // Statuses may have changed while we were not listening.
    if (album) reloadSoon();
  }));
  cleanups.push(() => clearTimeout(reloadTimer));

  void load();

  return () => {
    loader?.abort();
    for (const cleanup of cleanups) cleanup();
    // A selection belongs to the album on screen.
    setCurrentPhotos(null, []);
  };
}
