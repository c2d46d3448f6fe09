import { el, replaceChildren } from '../ui/dom.js';
import { getSettings, onSettingsChange } from '../settings/settings-api.js';
import { loadAccount, onAccountChange } from '../smugmug/account.js';
import { getStats } from '../library/library-api.js';
import { onBatchEnd } from '../batches/batch-store.js';
import { DISMISSED_KEY, SEARCHED_KEY, STEPS, readFlag, stepItem, writeFlag } from './first-run-steps.js';

// The first-run checklist: what a new owner does next, in order, each step
// checked from the server's real state (settings, SmugMug account, library
// counts) and re-checked when those change. The first open step is expanded
// with its link. It hides when every step is done, or when dismissed.

/** @typedef {import('./first-run-steps.js').FirstRunState} FirstRunState */

/** Called by the Search page when it runs a search: the last step is done. */
export function markSearchVisited() {
  writeFlag(SEARCHED_KEY);
}

/**
 * @typedef {Object} FirstRun
 * @property {Promise<void>} ready what the checklist shows is known (three requests)
 * @property {() => void} show renders it (and keeps it current from then on)
 * @property {() => void} stop
 */

/**
 * Mounts the checklist into `slot` (left empty when dismissed or complete). The page shows it together with its own
 * content, in one step after `ready`: the checklist appearing above content already on screen would push it down.
 * @param {HTMLElement} slot
 * @param {AbortSignal} signal
 * @returns {FirstRun}
 */
export function mountFirstRun(slot, signal) {
  if (readFlag(DISMISSED_KEY)) return { ready: Promise.resolve(), show: () => undefined, stop: () => undefined };
  /** @type {FirstRunState} */
  const state = { settings: null, account: null, stats: null };
  let loaded = false;
  let shown = false;

  function render() {
    if (!loaded || !shown || signal.aborted) return;
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

  const ready = Promise.all([
    getSettings(signal).then((v) => { state.settings = v; }, () => undefined),
    loadAccount().then((v) => { state.account = v; }, () => undefined),
    loadStats(),
  ]).then(() => {
    loaded = true;
  });

  return {
    ready,
    show: () => {
      shown = true;
      render();
    },
    stop: () => {
      offSettings();
      offAccount();
      offBatch();
    },
  };
}
