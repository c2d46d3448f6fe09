import { el, icon } from '../ui/dom.js';
import { path } from '../router.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { invalidateLibrary, loadNode } from './library-cache.js';

// The sidebar tree of folders and albums. Folders expand lazily; which ones
// are open is remembered for the session so moving around the Library (each
// move re-renders the view) keeps the tree as the user left it. Described
// counts follow `photo.status` events: the open folders are read again (at
// most every few seconds while a batch runs) and the counts updated in place.

/** @typedef {import('./library-api.js').NodeChild} NodeChild */

/** Folder node ids the user has opened. */
const expanded = new Set();

/**
 * ○ none / ◐ some / ✓ all described, for synced albums.
 * @param {NodeChild} child
 * @returns {{ glyph: string, label: string, done: number, total: number } | null}
 */
export function describeProgress(child) {
  if (child.type !== 'album' || !child.synced) return null;
  const total = child.syncedCount ?? child.imageCount ?? 0;
  const done = Math.min(child.describedCount ?? 0, total);
  if (total > 0 && done >= total) return { glyph: '✓', label: 'all described', done, total };
  if (done > 0) return { glyph: '◐', label: 'some described', done, total };
  return { glyph: '○', label: 'none described', done, total };
}

/**
 * @param {NodeChild} child
 */
export function childHref(child) {
  return child.type === 'album' && child.albumKey ? path`/library/album/${child.albumKey}` : path`/library/folder/${child.nodeId}`;
}

/**
 * @typedef {Object} Tree
 * @property {HTMLElement} element
 * @property {(nodeIds: string[]) => void} expandTo opens these folders (an ancestry) and loads them
 * @property {() => void} reload re-reads every open folder (after a sync)
 * @property {() => void} destroy stops following events
 */

/** While photos change status, the counts are refreshed at most this often. */
const COUNT_REFRESH_MS = 2_000;

/**
 * @param {{ currentNodeId: string | null, currentAlbumKey: string | null }} current
 * @returns {Tree}
 */
export function createTree(current) {
  const root = el('ul', { class: 'tree', role: 'list' });
  const element = el('nav', { class: 'library-tree', 'aria-label': 'Folders and albums' },
    el('h2', { class: 'library-tree__title' }, el('a', { href: '/library', 'aria-current': current.currentNodeId === null && current.currentAlbumKey === null ? 'page' : null }, 'SmugMug')),
    root);

  /**
   * Fills a list with a folder's children.
   * @param {HTMLUListElement} list
   * @param {string | null} nodeId
   */
  async function fill(list, nodeId) {
    if (!list.firstChild) list.append(el('li', { class: 'tree__status muted small' }, 'Loading…'));
    try {
      const listing = await loadNode(nodeId);
      if (updateInPlace(list, listing.children)) return;
      list.replaceChildren(...listing.children.map(item));
      if (listing.children.length === 0) list.append(el('li', { class: 'tree__status muted small' }, 'Empty'));
    } catch (err) {
      const retry = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Retry');
      retry.addEventListener('click', () => void fill(list, nodeId));
      list.replaceChildren(el('li', { class: 'tree__status small text-fail' }, errorMessage(err), ' ', retry));
    }
  }

  /**
   * Same children as shown: refresh the album counts and the open folders without rebuilding (keeps focus).
   * @param {HTMLUListElement} list
   * @param {NodeChild[]} children
   * @returns {boolean} false when the children differ and the list must be rebuilt
   */
  function updateInPlace(list, children) {
    const shown = /** @type {HTMLElement[]} */ ([...list.children]);
    if (shown.length !== children.length || children.length === 0) return false;
    /** @param {number} i */
    const nestedOf = (i) => /** @type {HTMLUListElement | null} */ (shown[i].querySelector(':scope > .tree__children'));
    if (children.some((child, i) => shown[i].dataset.nodeId !== child.nodeId)) return false;
    // A folder opened meanwhile (expandTo) needs its subtree built: rebuild.
    if (children.some((child, i) => child.type === 'folder' && (nestedOf(i)?.hidden ?? true) === expanded.has(child.nodeId))) return false;
    children.forEach((child, i) => {
      if (child.type === 'album') shown[i].querySelector('.tree__meta')?.replaceWith(albumMeta(child));
      const nested = nestedOf(i);
      if (nested && !nested.hidden) void fill(nested, child.nodeId);
    });
    return true;
  }

  /** @param {NodeChild} child */
  function albumMeta(child) {
    const progress = describeProgress(child);
    return el('span', { class: 'tree__meta' },
      el('span', { class: 'tree__count', title: 'Photos' }, (child.imageCount ?? 0).toLocaleString()),
      child.synced ? el('span', { class: 'tree__synced', title: 'Synced', 'aria-label': 'synced' }, icon('check', 'icon icon--tiny')) : null,
      progress ? el('span', { class: 'tree__progress', title: `${progress.done}/${progress.total} described` },
        el('span', { class: 'visually-hidden' }, `${progress.label}, `),
        `${progress.done}/${progress.total}`) : null);
  }

  /**
   * @param {NodeChild} child
   * @returns {HTMLLIElement}
   */
  function item(child) {
    const isCurrent = child.type === 'album' ? child.albumKey === current.currentAlbumKey : child.nodeId === current.currentNodeId;
    const link = el('a', {
      class: 'tree__link',
      href: childHref(child),
      'aria-current': isCurrent ? 'page' : null,
      title: child.name,
    }, el('span', { class: 'tree__name' }, child.name || 'Untitled'));

    if (child.type === 'album') {
      link.append(albumMeta(child));
      return el('li', { class: 'tree__item tree__item--album', dataset: { nodeId: child.nodeId } }, el('span', { class: 'tree__spacer', 'aria-hidden': 'true' }), link);
    }

    const open = expanded.has(child.nodeId);
    const children = /** @type {HTMLUListElement} */ (el('ul', { class: 'tree__children', role: 'list', hidden: !open }));
    const canExpand = child.hasChildren !== false;
    const toggle = el('button', {
      type: 'button',
      class: 'tree__toggle',
      'aria-expanded': String(open),
      'aria-label': `${open ? 'Collapse' : 'Expand'} ${child.name}`,
      disabled: !canExpand,
    }, icon('chevron', 'icon icon--tiny'));
    toggle.addEventListener('click', () => {
      const nowOpen = children.hidden;
      children.hidden = !nowOpen;
      toggle.setAttribute('aria-expanded', String(nowOpen));
      toggle.setAttribute('aria-label', `${nowOpen ? 'Collapse' : 'Expand'} ${child.name}`);
      if (nowOpen) {
        expanded.add(child.nodeId);
        void fill(children, child.nodeId);
      } else {
        expanded.delete(child.nodeId);
      }
    });
    const li = el('li', { class: 'tree__item tree__item--folder', dataset: { nodeId: child.nodeId } }, toggle, link, children);
    if (open) void fill(children, child.nodeId);
    return li;
  }

  void fill(root, null);

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let countTimer;
  const refreshCounts = () => {
    countTimer = undefined;
    invalidateLibrary();
    void fill(root, null);
  };
  // Throttled, not debounced: a long batch keeps sending events, and the counts should move meanwhile.
  const offStatus = events.subscribe('photo.status', () => {
    if (countTimer === undefined) countTimer = setTimeout(refreshCounts, COUNT_REFRESH_MS);
  });

  return {
    destroy() {
      offStatus();
      clearTimeout(countTimer);
    },
    element,
    expandTo(nodeIds) {
      let changed = false;
      for (const id of nodeIds) {
        if (!expanded.has(id)) {
          expanded.add(id);
          changed = true;
        }
      }
      if (changed) void fill(root, null);
    },
    reload() {
      void fill(root, null);
    },
  };
}
