import { el, icon, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { navigate, path, refresh } from '../router.js';
import * as events from '../events.js';
import { toast } from '../ui/toast.js';
import { createProgressBar } from '../ui/progress.js';
import { plural } from '../ui/format.js';
import { loadAccount, onAccountChange } from '../smugmug/account.js';
import { startConnect } from '../smugmug/account-badge.js';
import { getStats } from './library-api.js';
import { reconnectButton } from './library-errors.js';
import { invalidateLibrary, loadNode, prefetchAlbum } from './library-cache.js';
import { childHref, createTree, describeProgress } from './library-tree.js';
import { createSyncControl } from './sync-control.js';
import { onReconnect, renderAlbum } from './album-view.js';
import { setCurrentPhotos } from './selection.js';

// The Library: a Finder-like browser of the SmugMug account. One view serves
// /library (root), /library/folder/{nodeId} and /library/album/{albumKey};
// the URL is the state, so reload and the back button work. Layout: the
// sidebar tree on the left, breadcrumbs + title + actions + grid on the right.

/** @typedef {import('./library-api.js').NodeChild} NodeChild */
/** @typedef {import('./library-api.js').NodeListing} NodeListing */
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
 */

/** @type {import('../router.js').View} */
export async function libraryView(container, ctx) {
  announceOAuthOutcome(ctx.query);

  // Leaving an album (for a folder, another tab) empties the shared photo list.
  if (!ctx.params.albumKey) setCurrentPhotos(null, []);

  const status = el('p', { class: 'muted', role: 'status' }, 'Loading your library…');
  container.append(status);

  let account;
  try {
    account = await loadAccount();
  } catch (err) {
    if (ctx.signal.aborted) return;
    replaceChildren(container, errorState('The SmugMug connection could not be checked.', err));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!account.connected) {
    replaceChildren(container, connectScreen());
    // Connected from elsewhere (another tab is not possible, but the badge is): show the library.
    return onAccountChange((next) => {
      if (next?.connected) void refresh();
    });
  }

  /** @type {(() => void)[]} */
  const cleanups = [];
  cleanups.push(onAccountChange((next) => {
    // Disconnected from the badge: the library is no longer reachable.
    if (next && !next.connected) void refresh();
  }));

  const frame = createFrame(ctx);
  replaceChildren(container, frame.element);

  if (ctx.params.albumKey) {
    cleanups.push(renderAlbum(frame, ctx.params.albumKey, ctx));
  } else {
    cleanups.push(renderFolder(frame, ctx.params.nodeId ?? null, ctx));
  }
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

/**
 * The OAuth callback lands on /library?connected=1 or ?smugmug_error=…: say
 * how it went once, then drop the parameter so reload does not repeat it.
 * @param {URLSearchParams} query
 */
function announceOAuthOutcome(query) {
  const connected = query.get('connected');
  const error = query.get('smugmug_error');
  if (connected === null && error === null) return;
  if (error !== null) {
    toast.error(error || 'SmugMug did not grant access.', { title: 'Could not connect SmugMug' });
  } else {
    toast.success('SmugMug is connected. Browse your folders and sync an album to describe it.');
    void loadAccount({ force: true }).catch(() => undefined);
  }
  const url = new URL(window.location.href);
  url.searchParams.delete('connected');
  url.searchParams.delete('smugmug_error');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

function connectScreen() {
  const button = el('button', { type: 'button', class: 'btn btn--primary', 'data-testid': 'library-connect' }, 'Connect SmugMug');
  button.addEventListener('click', () => void startConnect(button));
  return el('div', { class: 'library-connect' },
    el('header', { class: 'page-header' }, el('h1', { class: 'page-title' }, 'Library')),
    el('div', { class: 'empty-state card' },
      el('p', { class: 'empty-state__title' }, 'Connect your SmugMug account'),
      el('p', { class: 'muted' },
        'TargetVision browses your SmugMug folders and albums live. Sync an album to copy its photo details here, ',
        'then describe, search and collect the photos. Your photos stay on SmugMug.'),
      button,
      el('p', { class: 'muted small' }, 'You need a SmugMug API key and secret in ', el('a', { href: '/settings' }, 'Settings'), ' first.'),
    ),
  );
}

/**
 * @param {string} title
 * @param {unknown} err
 */
function errorState(title, err) {
  const retry = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Try again');
  retry.addEventListener('click', () => {
    invalidateLibrary();
    void refresh();
  });
  return el('div', { class: 'empty-state card library-error' },
    el('p', { class: 'empty-state__title' }, title),
    el('p', { class: 'muted' }, errorMessage(err)),
    reconnectButton(err) ?? retry,
  );
}

/**
 * @param {import('../router.js').RouteContext} ctx
 * @returns {LibraryFrame & { element: HTMLElement }}
 */
function createFrame(ctx) {
  const tree = createTree({ currentNodeId: ctx.params.nodeId ?? null, currentAlbumKey: ctx.params.albumKey ?? null });
  const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' });
  const title = el('h1', { class: 'page-title library__title' });
  const subtitle = el('p', { class: 'page-subtitle library__subtitle' });
  const actions = el('div', { class: 'library__actions' });
  const body = el('div', { class: 'library__body' });

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

  return { element, crumbs, title, subtitle, actions, body, tree, setCrumbs };
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

/**
 * Root or folder page: cards for child folders and albums.
 * @param {LibraryFrame} frame
 * @param {string | null} nodeId
 * @param {import('../router.js').RouteContext} ctx
 * @returns {() => void}
 */
function renderFolder(frame, nodeId, ctx) {
  /** @type {(() => void)[]} */
  const cleanups = [];
  const isRoot = nodeId === null;
  frame.title.textContent = isRoot ? 'Library' : 'Folder';
  frame.setCrumbs([], isRoot ? null : '…');
  const grid = el('ul', { class: 'node-grid', 'aria-label': 'Folders and albums', 'aria-busy': 'true' });
  replaceChildren(frame.body, skeletonCards());

  const sync = createSyncControl({
    label: isRoot ? 'Sync everything' : 'Sync folder',
    request: isRoot ? { scope: 'account' } : { scope: 'folder', nodeId: /** @type {string} */ (nodeId) },
    variant: 'primary',
    onFinished: () => {
      invalidateLibrary();
      frame.tree.reload();
      void load(true);
      loadStats();
    },
  });
  cleanups.push(sync.destroy);
  frame.actions.append(sync.element);

  /** @param {boolean} fresh */
  async function load(fresh) {
    /** @type {NodeListing} */
    let listing;
    try {
      listing = await loadNode(nodeId, { fresh });
    } catch (err) {
      if (ctx.signal.aborted) return;
      frame.title.textContent = isRoot ? 'Library' : 'Folder';
      replaceChildren(frame.body, errorState(isRoot ? 'Your SmugMug library could not be loaded.' : 'This folder could not be loaded.', err));
      return;
    }
    if (ctx.signal.aborted) return;
    const name = isRoot ? 'Library' : listing.node.name || 'Untitled folder';
    frame.title.textContent = name;
    document.title = `${name} · Library · TargetVision`;
    const trail = isRoot ? [] : ancestorsOf(listing.node.breadcrumbs, listing.node.nodeId);
    frame.setCrumbs(trail, isRoot ? null : name);
    if (!isRoot) frame.tree.expandTo([...trail.map((c) => c.nodeId), listing.node.nodeId]);

    const folders = listing.children.filter((c) => c.type === 'folder').length;
    const albums = listing.children.length - folders;
    if (!isRoot) frame.subtitle.textContent = [folders ? plural(folders, 'folder') : '', albums ? plural(albums, 'album') : ''].filter(Boolean).join(' • ');

    grid.replaceChildren(...listing.children.map((child) => el('li', null, nodeCard(child))));
    grid.setAttribute('aria-busy', 'false');
    if (listing.children.length === 0) {
      replaceChildren(frame.body, el('div', { class: 'empty-state card' },
        el('p', { class: 'empty-state__title' }, isRoot ? 'Your SmugMug account has no folders or albums yet.' : 'This folder is empty.'),
        el('p', { class: 'muted' }, 'Albums you create on SmugMug show up here.')));
    } else {
      replaceChildren(frame.body, grid);
    }
  }

  function loadStats() {
    if (!isRoot) return;
    // A summary of what is synced and described; optional, so failures stay quiet.
    getStats(ctx.signal).then((stats) => {
      frame.subtitle.textContent = [
        plural(stats.albums, 'synced album'),
        plural(stats.photos, 'photo'),
        `${stats.described.toLocaleString()} described`,
        stats.queued ? `${stats.queued.toLocaleString()} queued` : '',
        stats.failed ? `${stats.failed.toLocaleString()} failed` : '',
      ].filter(Boolean).join(' • ');
    }).catch(() => undefined);
  }
  loadStats();

  // Another tab or a describe job changed counts: refresh what is on screen.
  cleanups.push(events.subscribe('sync.album', () => {
    invalidateLibrary();
    void load(true);
  }));
  cleanups.push(onReconnect(() => void load(true)));

  grid.addEventListener('click', onCardClick);
  void load(false);
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

/** Grey placeholder cards while the first listing loads. */
function skeletonCards() {
  return el('ul', { class: 'node-grid node-grid--skeleton', 'aria-hidden': 'true' },
    Array.from({ length: 8 }, () => el('li', null, el('div', { class: 'node-card node-card--skeleton' },
      el('span', { class: 'node-card__cover' }), el('span', { class: 'node-card__body' }, el('span', { class: 'skeleton-line' }))))));
}

/**
 * @param {NodeChild} child
 * @returns {HTMLAnchorElement}
 */
function nodeCard(child) {
  const isAlbum = child.type === 'album';
  const cover = child.coverUrl
    ? el('img', { class: 'node-card__img', src: child.coverUrl, alt: '', loading: 'lazy', decoding: 'async' })
    : el('span', { class: ['node-card__placeholder', `node-card__placeholder--${child.type}`], 'aria-hidden': 'true' });
  if (cover instanceof HTMLImageElement) {
    cover.addEventListener('error', () => cover.replaceWith(el('span', { class: ['node-card__placeholder', `node-card__placeholder--${child.type}`], 'aria-hidden': 'true' })), { once: true });
  }

  const meta = [];
  if (isAlbum) {
    meta.push(el('span', null, plural(child.imageCount ?? 0, 'photo')));
    if (child.synced) meta.push(el('span', { class: 'node-card__synced' }, icon('check', 'icon icon--tiny'), 'Synced'));
    else meta.push(el('span', { class: 'node-card__unsynced' }, 'Not synced'));
  } else {
    meta.push(el('span', null, 'Folder'));
  }

  /** @type {HTMLElement | null} */
  let progress = null;
  const described = describeProgress(child);
  if (described) {
    const bar = createProgressBar({ compact: false, total: described.total, done: described.done, label: 'described' });
    // "12/40 described (30%)" reads better than the generic "described — 12/40 (30%)".
    const pct = described.total > 0 ? Math.round((described.done / described.total) * 100) : 0;
    const text = bar.element.querySelector('.progress__text');
    if (text) text.textContent = `${described.done.toLocaleString()}/${described.total.toLocaleString()} described (${pct}%)`;
    progress = bar.element;
    progress.classList.add('node-card__progress');
    if (described.glyph === '✓') progress.classList.add('is-complete');
  }

  return el('a', {
    class: ['node-card', `node-card--${child.type}`, child.synced && 'is-synced'],
    href: childHref(child),
    dataset: { nodeId: child.nodeId, type: child.type, albumKey: child.albumKey ?? '' },
  },
  el('span', { class: 'node-card__cover' }, cover,
    isAlbum ? null : el('span', { class: 'node-card__kind' }, 'Folder'),
    el('span', { class: 'node-card__spinner', 'aria-hidden': 'true' })),
  el('span', { class: 'node-card__body' },
    el('span', { class: 'node-card__name', title: child.name }, child.name || 'Untitled'),
    el('span', { class: 'node-card__meta small muted' }, meta),
    progress,
  ),
  );
}

/**
 * Loads the next page before navigating, with a spinner on the clicked card;
 * the router clears the screen on navigation, so this keeps the grid visible
 * (and clickable elsewhere) until the data is there.
 * @param {MouseEvent} event
 */
function onCardClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const card = /** @type {HTMLAnchorElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('a.node-card'));
  if (!card) return;
  event.preventDefault();
  if (card.classList.contains('is-loading')) return;
  const grid = card.closest('.node-grid');
  for (const other of grid?.querySelectorAll('.node-card.is-loading') ?? []) other.classList.remove('is-loading');
  card.classList.add('is-loading');
  card.setAttribute('aria-busy', 'true');
  const href = card.getAttribute('href') ?? '/library';
  const ready = card.dataset.type === 'album' && card.dataset.albumKey
    ? prefetchAlbum(card.dataset.albumKey)
    : loadNode(card.dataset.nodeId ?? null);
  // Navigate even when the prefetch fails: the page shows the error with a retry.
  ready.catch(() => undefined).finally(() => {
    // Only if the user has not gone elsewhere meanwhile.
    if (card.isConnected && card.classList.contains('is-loading')) void navigate(href);
  });
}
