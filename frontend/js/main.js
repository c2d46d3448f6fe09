import * as router from './router.js';
import * as events from './events.js';
import { get, onConnectivityChange, setUnauthorizedHandler } from './api.js';
import { el, replaceChildren } from './ui/dom.js';
import { toastError } from './ui/toast.js';
import { initHeader } from './shell/header.js';
import { getSession, loadStatus, logout, markSignedOut, onSessionChange } from './auth/session.js';
import { getSettings, onSettingsChange } from './settings/settings-api.js';
import { initSearchBox } from './search/search-box.js';
import { initProcessing } from './processing/processing.js';
import { initCollections, loadCollectionMarks } from './collections/collections.js';
import { initVisual } from './visual/visual.js';
import { mountGlobalProgress } from './shell/global-progress.js';
import { photoSelection } from './photos/selection.js';
import { guard, routes } from './routes.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

const header = initHeader({
  onLogout: () => void signOut(),
  onRetry: () => void probe(true),
});
const searchBox = initSearchBox();

async function signOut() {
  events.stop();
  try {
    await logout();
  } catch (err) {
    toastError(err, 'Sign-out did not reach the server');
  }
  await router.navigate('/login', { replace: true });
}

// A protected call answered 401: the session expired or was revoked elsewhere.
setUnauthorizedHandler(() => {
  if (!getSession().authenticated) return;
  markSignedOut();
  const here = window.location.pathname + window.location.search;
  void router.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
});

/** @type {(() => void) | null} */
let unmountProgress = null;

/**
 * The search box sits between the tabs and the tools: it appears with them (the header decides when), never before.
 * @param {boolean} signedIn
 */
function showHeader(signedIn) {
  if (!signedIn) searchBox.setSignedIn(false);
  void header.setSignedIn(signedIn).then(() => searchBox.setSignedIn(getSession().authenticated));
}

onSessionChange((session) => {
  showHeader(session.authenticated);
  // The global progress bar shows only to the signed-in owner.
  const progressSlot = document.getElementById('global-progress');
  if (session.authenticated && !unmountProgress && progressSlot) unmountProgress = mountGlobalProgress(progressSlot);
  if (!session.authenticated && unmountProgress) {
    unmountProgress();
    unmountProgress = null;
  }
  document.getElementById('demo-banner')?.toggleAttribute('hidden', !session.demoMode);
  if (session.authenticated) {
    events.start();
    // Only the header dot depends on this; its failure is not worth a toast.
    getSettings().catch(() => undefined);
    loadCollectionMarks();
  } else {
    events.stop();
    // A selection outlives album changes, not the session.
    photoSelection.clear();
  }
});

onSettingsChange((settings) => header.setSettings(settings));
// AI descriptions plug into the Library's album toolbar, photo modal and badge clicks.
initProcessing();
// Collections: "Add to collection" on every selection bar, pills in the photo modal, the star on cards.
initCollections();
initVisual();
router.onRouteChange((route) => header.setActive(route.section));

// While the server is unreachable, probe it with backoff; the banner clears on the first answer.
const PROBE_MIN_MS = 2_000;
const PROBE_MAX_MS = 30_000;
let probeDelay = PROBE_MIN_MS;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let probeTimer;
let started = false;

onConnectivityChange((reachable) => {
  header.setReachable(reachable);
  if (reachable) {
    clearTimeout(probeTimer);
    probeTimer = undefined;
    probeDelay = PROBE_MIN_MS;
  } else if (probeTimer === undefined) {
    probeTimer = setTimeout(() => void probe(false), probeDelay);
  }
});

/** @param {boolean} manual */
async function probe(manual) {
  clearTimeout(probeTimer);
  probeTimer = undefined;
  try {
    if (started) await get('/api/auth/status');
    else await boot();
  } catch {
    if (manual) probeDelay = PROBE_MIN_MS;
    probeDelay = Math.min(probeDelay * 2, PROBE_MAX_MS);
    if (probeTimer === undefined) probeTimer = setTimeout(() => void probe(false), probeDelay);
  }
}

async function boot() {
  await loadStatus();
  if (started) return;
  started = true;
  showHeader(getSession().authenticated);
  router.configure({ routes, outlet: main, guard });
  router.start();
}

boot().catch((err) => {
  // Without the auth status we cannot pick a screen; wait for the server.
  replaceChildren(main, el('div', { class: 'empty-state card' },
    el('p', { class: 'empty-state__title' }, 'Waiting for the server…'),
    el('p', { class: 'muted' }, 'TargetVision will continue as soon as the server answers.'),
  ));
  if (!(err && typeof err === 'object' && 'isNetworkError' in err && err.isNetworkError)) {
    toastError(err, 'Could not start TargetVision');
  }
  if (probeTimer === undefined) probeTimer = setTimeout(() => void probe(false), probeDelay);
});
