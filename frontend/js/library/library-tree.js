import { el, icon } from '../ui/dom.js';
import { path } from '../router.js';
import { errorMessage } from '../api.js';
import { loadNode } from './library-cache.js';

// The sidebar tree of folders and albums. Folders expand lazily; which ones
// are open is remembered for the session so moving around the Library (each
// move re-renders the view) keeps the tree as the user left it.

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
 */

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
      list.replaceChildren(...listing.children.map(item));
      if (listing.children.length === 0) list.append(el('li', { class: 'tree__status muted small' }, 'Empty'));
    } catch (err) {
      const retry = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Retry');
      retry.addEventListener('click', () => void fill(list, nodeId));
      list.replaceChildren(el('li', { class: 'tree__status small text-fail' }, errorMessage(err), ' ', retry));
    }
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
      const progress = describeProgress(child);
      link.append(el('span', { class: 'tree__meta' },
        el('span', { class: 'tree__count', title: 'Photos' }, (child.imageCount ?? 0).toLocaleString()),
        child.synced ? el('span', { class: 'tree__synced', title: 'Synced', 'aria-label': 'synced' }, icon('check', 'icon icon--tiny')) : null,
        progress ? el('span', { class: 'tree__progress', title: `${progress.done}/${progress.total} described` },
          el('span', { 'aria-hidden': 'true' }, progress.glyph),
          el('span', { class: 'visually-hidden' }, `${progress.label}, `),
          ` ${progress.done}/${progress.total}`) : null,
      ));
      return el('li', { class: 'tree__item tree__item--album' }, el('span', { class: 'tree__spacer', 'aria-hidden': 'true' }), link);
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

  return {
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
