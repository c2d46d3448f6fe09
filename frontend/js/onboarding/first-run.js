import { el, icon, replaceChildren } from '../ui/dom.js';
import { getSettings, onSettingsChange } from '../settings/settings-api.js';
import { loadAccount, onAccountChange } from '../smugmug/account.js';
import { getStats } from '../library/library-api.js';
import { onBatchEnd } from '../batches/batch-store.js';

// The first-run checklist: what a new owner does next, in order, each step
// checked from the server's real state (settings, SmugMug account, library
// counts) and re-checked when those change. The first open step is expanded
// with its link. It hides when every step is done, or when dismissed.

const DISMISSED_KEY = 'tv.firstRun.dismissed';
// There is no search history on the server yet, so opening Search is what
// counts for the last step; markSearchVisited() records it.
const SEARCHED_KEY = 'tv.firstRun.searched';

/**
 * @typedef {Object} FirstRunState
 * @property {import('../settings/settings-api.js').Settings | null} settings
 * @property {import('../smugmug/account.js').SmugMugAccount | null} account
 * @property {{ albums: number, described: number } | null} stats
 *
 * @typedef {Object} Step
 * @property {string} id
 * @property {string} title
 * @property {string} hint
 * @property {string} href
 * @property {string} linkText
 * @property {(state: FirstRunState) => boolean} done
 */

/** @type {Step[]} */
const STEPS = [
  {
    id: 'smugmug-key', title: 'Add your SmugMug API key and secret', linkText: 'Open Keys',
    hint: 'From your SmugMug developer account; TargetVision needs them to talk to SmugMug.',
    href: '/settings?tab=keys',
    done: (s) => Boolean(s.settings?.secrets.smugMugApiKey?.isSet && s.settings?.secrets.smugMugApiSecret?.isSet),
  },
  {
    id: 'connect', title: 'Connect SmugMug', linkText: 'Open Library',
    hint: 'SmugMug asks you to allow access, then brings you back here.',
    href: '/library', done: (s) => Boolean(s.account?.connected),
  },
  {
    id: 'sync', title: 'Sync an album', linkText: 'Browse albums',
    hint: 'Open an album in the Library and press “Sync album” to copy its photo details here.',
    href: '/library', done: (s) => (s.stats?.albums ?? 0) > 0,
  },
  {
    id: 'ai-key', title: 'Add an AI key', linkText: 'Open Keys',
    hint: 'An Anthropic or OpenAI key writes the photo descriptions.',
    href: '/settings?tab=keys',
    done: (s) => Boolean(s.settings?.secrets.anthropicApiKey?.isSet || s.settings?.secrets.openAiApiKey?.isSet),
  },
  {
    id: 'describe', title: 'Describe photos', linkText: 'Open Library',
    hint: 'In a synced album, “Describe album…” shows the cost first and then describes the photos.',
    href: '/library', done: (s) => (s.stats?.described ?? 0) > 0,
  },
  {
    id: 'search', title: 'Search your photos', linkText: 'Open Search',
    hint: 'Find photos by what is in them.',
    href: '/search', done: () => readFlag(SEARCHED_KEY),
  },
];

/** @param {string} key */
function readFlag(key) {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** @param {string} key */
function writeFlag(key) {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // Storage may be off (private mode); the checklist then just comes back.
  }
}

/** Called by the Search page: the last step is done once it was opened. */
export function markSearchVisited() {
  writeFlag(SEARCHED_KEY);
}

/**
 * Mounts the checklist into `slot` (left empty when dismissed or complete).
 * @param {HTMLElement} slot
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountFirstRun(slot, signal) {
  if (readFlag(DISMISSED_KEY)) return () => undefined;
  /** @type {FirstRunState} */
  const state = { settings: null, account: null, stats: null };
  let loaded = false;

  function render() {
    if (!loaded || signal.aborted) return;
    const marks = STEPS.map((step) => step.done(state));
    if (readFlag(DISMISSED_KEY) || marks.every(Boolean)) {
      replaceChildren(slot);
      return;
    }
    const current = marks.indexOf(false);
    const items = STEPS.map((step, i) => stepItem(step, marks[i], i === current));
    const dismiss = el('button', { type: 'button', class: 'btn btn--ghost btn--small', 'data-testid': 'first-run-dismiss' }, 'Dismiss');
    dismiss.addEventListener('click', () => {
      writeFlag(DISMISSED_KEY);
      render();
    });
    const doneCount = marks.filter(Boolean).length;
    replaceChildren(slot, el('section', { class: 'first-run card', 'aria-labelledby': 'first-run-title', 'data-testid': 'first-run' },
      el('header', { class: 'first-run__header' },
        el('h2', { class: 'first-run__title', id: 'first-run-title' }, 'Getting started'),
        el('p', { class: 'muted small' }, `${doneCount} of ${STEPS.length} done`),
        dismiss,
      ),
      el('ol', { class: 'first-run__steps' }, items),
    ));
  }

  async function loadStats() {
    try {
      state.stats = await getStats(signal);
    } catch {
      state.stats = null;
    }
  }

  const offSettings = onSettingsChange((value) => {
    state.settings = value;
    render();
  });
  const offAccount = onAccountChange((value) => {
    state.account = value;
    render();
  });
  const offBatch = onBatchEnd(() => {
    void loadStats().then(render);
  });

  void Promise.all([
    getSettings(signal).then((v) => { state.settings = v; }, () => undefined),
    loadAccount().then((v) => { state.account = v; }, () => undefined),
    loadStats(),
  ]).then(() => {
    loaded = true;
    render();
  });

  return () => {
    offSettings();
    offAccount();
    offBatch();
  };
}

/**
 * @param {Step} step
 * @param {boolean} done
 * @param {boolean} current
 */
function stepItem(step, done, current) {
  const state = done ? 'done' : current ? 'current' : 'todo';
  const item = el('li', { class: `first-run__step first-run__step--${state}`, dataset: { step: step.id, state } },
    el('span', { class: 'first-run__mark' }, done ? icon('check') : null),
    el('span', { class: 'first-run__name' }, step.title, el('span', { class: 'visually-hidden' }, done ? ' (done)' : current ? ' (next)' : '')),
  );
  if (current) {
    item.setAttribute('aria-current', 'step');
    item.append(el('div', { class: 'first-run__detail' },
      el('p', { class: 'muted small' }, step.hint),
      el('a', { href: step.href, class: 'btn btn--primary btn--small' }, step.linkText),
    ));
  }
  return item;
}
