import { el, icon } from '../ui/dom.js';
import { path } from '../router.js';

// One entry of the Library sidebar tree (album with counts, or a lazily
// expanded folder), the remembered expansion, and the shared describe-progress
// and link helpers (also used by folder cards).

/** @typedef {import('./library-api.js').NodeChild} NodeChild */

/** Folder node ids the user has opened. */
export const expanded = new Set();

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

/** @param {NodeChild} child */
export function albumMeta(child) {
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
 * @param {{ currentNodeId: string | null, currentAlbumKey: string | null }} current
 * @param {(list: HTMLUListElement, nodeId: string) => Promise<void>} fill loads a folder's children into a list
 * @returns {HTMLLIElement}
 */
export function treeItem(child, current, fill) {
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
