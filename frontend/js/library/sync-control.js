import { el } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { toastError } from '../ui/toast.js';
import { getBatch, onBatchChange, trackBatch } from '../batches/batch-store.js';
import { startSync } from './library-api.js';
import { batchUnit } from '../batches/batch-format.js';
import { getLiveState, onLiveStateChange } from './live-state.js';
import { OFFLINE_REASON_ID } from './offline-banner.js';

// "Sync album / folder / everything": a button that starts the sync job and
// then shows that job's progress inline, fed by the same pushed batch events
// as the global progress bar.

/** @typedef {import('../batches/batches-api.js').Batch} Batch */

/**
 * @typedef {Object} SyncControl
 * @property {HTMLElement} element
 * @property {() => Promise<Batch | null>} start starts the sync as the button would (e.g. from a menu), or joins
 *   the one running; resolves with the ended batch (completed or cancelled), or null when it could not start
 * @property {(hidden: boolean) => void} setButtonHidden the progress stays visible; the command lives elsewhere
 * @property {() => void} destroy
 */

/**
 * @param {Object} options
 * @param {string} options.label e.g. "Sync album"
 * @param {{ scope: 'album' | 'folder' | 'account', albumKey?: string, nodeId?: string }} options.request
 * @param {(batch: Batch) => void} options.onFinished the job ended (completed or cancelled): reload what it changed
 * @param {'primary' | 'secondary'} [options.variant]
 * @returns {SyncControl}
 */
export function createSyncControl(options) {
  const button = el('button', {
    type: 'button',
    class: ['btn', 'btn--small', `btn--${options.variant ?? 'secondary'}`],
    'data-testid': `sync-${options.request.scope}`,
  }, options.label);
  const bar = createProgressBar({ total: 1, done: 0 });
  const progress = el('div', { class: 'sync-progress', hidden: true, 'data-testid': 'sync-progress' }, bar.element);
  const element = el('div', { class: 'sync-control' }, button, progress);

  /** @type {string | null} */
  let batchId = null;
  let running = false;
  // Syncing reads SmugMug: while the page comes from the local copy the button waits, and the banner says why.
  let unavailable = getLiveState().offline;
  function setEnabled() {
    button.disabled = running || unavailable;
    button.title = unavailable ? 'Syncing needs SmugMug, which is not available right now.' : '';
    if (unavailable) button.setAttribute('aria-describedby', OFFLINE_REASON_ID);
    else button.removeAttribute('aria-describedby');
  }
  setEnabled();
  const offLive = onLiveStateChange((live) => {
    unavailable = live.offline;
    setEnabled();
  });
  /** @type {((batch: Batch | null) => void)[]} */
  let waiting = [];
  /** @param {Batch | null} batch */
  function settle(batch) {
    const callbacks = waiting;
    waiting = [];
    for (const callback of callbacks) callback(batch);
  }

  /** @param {Batch} batch */
  function show(batch) {
    const done = batch.done + batch.failed + batch.cancelled;
    // The counts are albums (one job each) unless the server reports photos; the label says which.
    const units = `${batchUnit(batch)}s`;
    const label = batch.status === 'paused' ? `Sync paused (${units})` : batch.status === 'running' ? `Syncing ${units}`
      : batch.status === 'cancelled' ? `Sync cancelled (${units})` : `${units[0].toUpperCase()}${units.slice(1)} synced`;
    if (batch.total === 0 && batch.status === 'running') bar.indeterminate('Preparing sync…');
    else bar.update(done, batch.total, label);
    progress.hidden = false;
    progress.dataset.status = batch.status;
  }

  /** @param {Batch} batch */
  function onChange(batch) {
    if (batch.id !== batchId) return;
    show(batch);
    if (batch.status === 'completed' || batch.status === 'cancelled') {
      batchId = null;
      running = false;
      setEnabled();
      settle(batch);
      options.onFinished(batch);
    }
  }
  const unsubscribe = onBatchChange(onChange);

  /** @returns {Promise<Batch | null>} */
  function start() {
    /** @type {Promise<Batch | null>} */
    const ended = new Promise((resolve) => waiting.push(resolve));
    if (!batchId && !button.disabled) void begin();
    else if (!batchId && unavailable) settle(null);
    return ended;
  }

  async function begin() {
    running = true;
    setEnabled();
    bar.indeterminate('Starting sync…');
    progress.hidden = false;
    try {
      const batch = await startSync(options.request);
      batchId = batch.id;
      trackBatch(batch);
      // The pushed events may have overtaken this answer (even to the end of a small sync): use the newest state.
      const latest = getBatch(batch.id) ?? batch;
      onChange(latest);
    } catch (err) {
      running = false;
      setEnabled();
      progress.hidden = true;
      toastError(err, 'Could not start the sync');
      settle(null);
    }
  }
  button.addEventListener('click', () => void start());

  return {
    element,
    start,
    setButtonHidden: (hidden) => {
      button.hidden = hidden;
    },
    destroy: () => {
      unsubscribe();
      offLive();
      settle(null);
    },
  };
}
