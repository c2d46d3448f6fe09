import { el } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { invalidateLibrary, loadNode } from './library-cache.js';
import { albumMeta, expanded, treeItem } from './tree-item.js';

export { childHref, describeProgress } from './tree-item.js';

// The sidebar tree of folders and albums. Folders expand lazily; which ones
// are open is remembered for the session so moving around the Library (each
// move re-renders the view) keeps the tree as the user left it. Described
// counts follow `photo.status` events: the open folders are read again (at
// most every few seconds while a batch runs) and the counts updated in place.

/** @typedef {import('./library-api.js').NodeChild} NodeChild */

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
      list.replaceChildren(...listing.children.map((child) => treeItem(child, current, fill)));
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
