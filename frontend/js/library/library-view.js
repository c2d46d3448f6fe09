import { el, replaceChildren } from '../ui/dom.js';
import { refresh } from '../router.js';
import { toast } from '../ui/toast.js';
import { loadAccount, onAccountChange } from '../smugmug/account.js';
import { startConnect } from '../smugmug/account-badge.js';
import { errorState } from './library-errors.js';
import { createFrame } from './library-frame.js';
import { renderAlbum } from './album-view.js';
import { renderFolder } from './folder-view.js';
import { mountFirstRun } from '../onboarding/first-run.js';
import { invalidateLibrary, loadNode } from './library-cache.js';

// The Library: a Finder-like browser of the SmugMug account. One view serves
// /library (root), /library/folder/{nodeId} and /library/album/{albumKey};
// the URL is the state, so reload and the back button work. Layout: the
// sidebar tree on the left, breadcrumbs + title + actions + grid on the right.


/** @typedef {import('./library-frame.js').LibraryFrame} LibraryFrame */

/** @type {import('../router.js').View} */
export async function libraryView(outer, ctx) {
  announceOAuthOutcome(ctx.query);
  // The checklist sits above the Library's start page (connect screen or root folders); albums and folders keep
  // their photos first, which matters on a phone.
  const firstRun = el('div');
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading your library…');
  outer.append(firstRun, status);
  const atStart = !ctx.params.albumKey && !ctx.params.nodeId;
  const checklist = atStart ? mountFirstRun(firstRun, ctx.signal) : null;
  const offFirstRun = checklist?.stop ?? (() => undefined);

  // The checklist and the page appear in one step, the page in a new element where the status line was: the
  // checklist appearing later, or above an element already on screen, would push the library down (a layout shift).
  const container = el('div');
  const place = () => {
    checklist?.show();
    status.replaceWith(container);
  };
  let account;
  try {
    [account] = await Promise.all([loadAccount(), checklist?.ready]);
  } catch (err) {
    if (ctx.signal.aborted) return offFirstRun;
    place();
    replaceChildren(container, errorState('The SmugMug connection could not be checked.', err));
    return offFirstRun;
  }
  if (ctx.signal.aborted) return offFirstRun;
  place();
  container.append(el('p', { class: 'muted', role: 'status' }, 'Loading your library…'));
  // Without a connection the synced copy can still be browsed; the connect screen is for a library with nothing in it.
  if (!account.connected && !(await hasSyncedCopy())) {
    if (ctx.signal.aborted) return offFirstRun;
    replaceChildren(container, connectScreen());
    const offAccount = onAccountChange((next) => {
      if (next?.connected) void refresh();
    });
    return () => {
      offAccount();
      offFirstRun();
    };
  }
  if (ctx.signal.aborted) return offFirstRun;

  /** @type {(() => void)[]} */
  const cleanups = [offFirstRun];
  const wasConnected = account.connected;
  cleanups.push(onAccountChange((next) => {
    // Connected or disconnected from the badge: what the library can show changed.
    if (!next || next.connected === wasConnected) return;
    invalidateLibrary();
    void refresh();
  }));

  const frame = createFrame(ctx);
  replaceChildren(container, frame.element);

  if (ctx.params.albumKey) {
    cleanups.push(renderAlbum(frame, ctx.params.albumKey, ctx));
  } else {
    cleanups.push(renderFolder(frame, ctx.params.nodeId ?? null, ctx));
  }
  cleanups.push(frame.tree.destroy);
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

/** Whether the local copy has anything to show (its root lists at least one synced folder or album). */
async function hasSyncedCopy() {
  try {
    const root = await loadNode(null, { fresh: true });
    return root.children.length > 0;
  } catch {
    return false;
  }
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


