import { el, replaceChildren } from '../ui/dom.js';
import { path } from '../router.js';
import { createTree } from './library-tree.js';
import { offlineBanner } from './offline-banner.js';

// The layout every library page shares: the sidebar tree (a toggle on narrow
// screens), breadcrumbs, title, subtitle, the actions area and the body.

/** @typedef {import('./library-api.js').Crumb} Crumb */

/**
 * The header area every library page shares; pages fill it.
 * @typedef {Object} LibraryFrame
 * @property {HTMLElement} crumbs breadcrumb nav
 * @property {HTMLElement} title h1
 * @property {HTMLElement} subtitle
 * @property {HTMLElement} actions toolbar on the right of the title
 * @property {HTMLElement} body
 * @property {import('./library-tree.js').Tree} tree
 * @property {(trail: Crumb[], current: string | null) => void} setCrumbs
 * @property {(answer: import('./library-api.js').Freshness) => void} setFreshness the offline banner when the page
 *   comes from the local copy
 */

/**
 * @param {import('../router.js').RouteContext} ctx
 * @returns {LibraryFrame & { element: HTMLElement }}
 */
export function createFrame(ctx) {
  const tree = createTree({ currentNodeId: ctx.params.nodeId ?? null, currentAlbumKey: ctx.params.albumKey ?? null });
  const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' });
  const title = el('h1', { class: 'page-title library__title' });
  const subtitle = el('p', { class: 'page-subtitle library__subtitle' });
  const actions = el('div', { class: 'library__actions' });
  const body = el('div', { class: 'library__body' });
  const notice = el('div', { class: 'library__notice' });

  const sidebarId = 'library-sidebar';
  const sidebarToggle = el('button', {
    type: 'button', class: 'btn btn--secondary btn--small library__tree-toggle', 'aria-expanded': 'false', 'aria-controls': sidebarId,
  }, 'Folders');
  const sidebar = el('aside', { class: 'library__sidebar', id: sidebarId }, tree.element);
  sidebarToggle.addEventListener('click', () => {
    const open = !sidebar.classList.contains('is-open');
    sidebar.classList.toggle('is-open', open);
    sidebarToggle.setAttribute('aria-expanded', String(open));
  });

  const element = el('div', { class: 'library' },
    sidebar,
    el('section', { class: 'library__main', 'aria-labelledby': 'library-title' },
      el('div', { class: 'library__top' }, crumbs, sidebarToggle),
      el('header', { class: 'library__header' }, el('div', { class: 'library__heading' }, title, subtitle), actions),
      notice,
      body,
    ),
  );
  title.id = 'library-title';

  /**
   * @param {Crumb[]} trail ancestors, root first
   * @param {string | null} current the page's own name (last crumb, not a link)
   */
  function setCrumbs(trail, current) {
    const list = el('ol', { class: 'crumbs__list' });
    // SmugMug's root folder has an empty name: it is the "SmugMug" crumb already, so it is not listed again.
    const ancestors = trail.filter((c, i) => !(i === 0 && !c.name));
    const links = [{ href: '/library', name: 'SmugMug' }, ...ancestors.map((c) => ({ href: path`/library/folder/${c.nodeId}`, name: c.name || 'Untitled' }))];
    for (const link of links) {
      list.append(el('li', { class: 'crumbs__item' }, el('a', { href: link.href }, link.name)));
    }
    if (current !== null) {
      list.append(el('li', { class: 'crumbs__item' }, el('span', { 'aria-current': 'page' }, current)));
    } else {
      // The root page: its own crumb is the current one.
      const last = /** @type {HTMLElement | null} */ (list.lastElementChild?.firstElementChild ?? null);
      last?.setAttribute('aria-current', 'page');
    }
    replaceChildren(crumbs, list);
  }

  /** @param {import('./library-api.js').Freshness} answer */
  const setFreshness = (answer) => replaceChildren(notice, offlineBanner(answer));

  return { element, crumbs, title, subtitle, actions, body, tree, setCrumbs, setFreshness };
}

/**
 * Breadcrumbs from the API may or may not include the node itself; drop it so it shows once, as the current page.
 * @param {Crumb[]} breadcrumbs
 * @param {string} nodeId
 * @returns {Crumb[]}
 */
export function ancestorsOf(breadcrumbs, nodeId) {
  const trail = (breadcrumbs ?? []).filter((c) => c && c.nodeId);
  if (trail.length && trail[trail.length - 1].nodeId === nodeId) trail.pop();
  return trail;
}

