import { get, post } from '../api.js';
import * as events from '../events.js';
import { el, replaceChildren } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { path } from '../router.js';

// The global progress bar below the header: every running or paused batch
// (sync, describe, embed, export) with pause/resume and cancel. It is fed by
// server-sent events only; the list of active batches is fetched once on
// mount and after each SSE reconnect, so it survives reloads and outages
// without polling. Features that start a batch hand its first state to
// trackBatch() so the bar appears before the first event arrives, and can
// follow any batch through onBatchChange().

/** @typedef {import('../library/library-api.js').Batch} Batch */

const ACTIVE = new Set(['running', 'paused']);

/** @type {Map<string, Batch>} running and paused batches, by id */
const active = new Map();
/** Batches whose end was already announced, so replays and late events do not toast twice. */
const announced = new Set();
/** @type {Map<string, Batch>} the final state of batches that ended while this page was open */
const ended = new Map();
/** Batches restarted on purpose (retry failed), which may become active again after ending. */
const revived = new Set();
/** @type {Set<(batch: Batch) => void>} */
const listeners = new Set();
/** @type {Set<() => void>} */
const renderers = new Set();

/**
 * Records the latest state of a batch (from an API answer or an event) and tells everyone.
 * @param {Batch} batch
 */
export function trackBatch(batch) {
  if (!batch || typeof batch.id !== 'string') return;
  const known = active.get(batch.id);
  // Events can overtake the POST answer: never move counts backwards, never revive a batch that ended.
  if (known && ACTIVE.has(batch.status) && processed(batch) < processed(known) && batch.status === known.status) return;
  if (ACTIVE.has(batch.status) && ended.has(batch.id) && !revived.has(batch.id)) return;
  revived.delete(batch.id);
  if (ACTIVE.has(batch.status)) {
    active.set(batch.id, batch);
    ended.delete(batch.id);
  } else {
    active.delete(batch.id);
    ended.set(batch.id, batch);
    if (!announced.has(batch.id)) {
      announced.add(batch.id);
      announceEnd(batch);
    }
  }
  for (const listener of listeners) {
    try {
      listener(batch);
    } catch (err) {
      console.error('global-progress: listener failed', err);
    }
  }
  for (const render of renderers) render();
}

/**
 * Notified of every batch state change (progress, pause, completion).
 * @param {(batch: Batch) => void} listener
 * @returns {() => void}
 */
export function onBatchChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The latest known state of a batch seen by this page (active or ended), if any.
 * @param {string} id
 * @returns {Batch | null}
 */
export function getBatch(id) {
  return active.get(id) ?? ended.get(id) ?? null;
}

/** @returns {Batch[]} running and paused batches, oldest first */
export function getActiveBatches() {
  return [...active.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** @param {Batch} batch */
function processed(batch) {
  return batch.done + batch.failed + batch.cancelled;
}

events.subscribe('batch.progress', (data) => {
  if (data && typeof data === 'object') trackBatch(/** @type {Batch} */ (data));
});

/** Reconciles with the server: what is active now, and how the ones that vanished ended. */
async function reload() {
  /** @type {{ items: Batch[] }} */
  const page = await get('/api/batches', { query: { active: true, pageSize: 100 } });
  const now = new Set(page.items.map((b) => b.id));
  const vanished = [...active.keys()].filter((id) => !now.has(id));
  for (const batch of page.items) trackBatch(batch);
  // These finished while we were not listening; fetch their final state for the toast.
  await Promise.all(vanished.map(async (id) => {
    try {
      trackBatch(await get(path`/api/batches/${id}`));
    } catch {
      active.delete(id);
      for (const render of renderers) render();
    }
  }));
}

/** @param {Batch} batch */
function announceEnd(batch) {
  const title = batch.title || 'Background work';
  if (batch.status === 'cancelled') {
    toast.info(`${title} was cancelled (${batch.done.toLocaleString()} of ${batch.total.toLocaleString()} done).`);
    return;
  }
  if (batch.failed > 0) {
    const handle = toast.warning(`${title} finished: ${batch.done.toLocaleString()} done, ${batch.failed.toLocaleString()} failed.`,
      { title: 'Finished with failures', timeout: 15_000 });
    const retry = el('button', { type: 'button', class: 'btn btn--small btn--secondary toast__action' }, 'Retry failed');
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        const next = await post(path`/api/batches/${batch.id}/retry-failed`);
        announced.delete(batch.id);
        revived.add(batch.id);
        trackBatch(next);
        handle.close();
      } catch (err) {
        retry.disabled = false;
        toastError(err, 'Could not retry the failed items');
      }
    });
    handle.element.querySelector('.toast__content')?.append(retry);
    return;
  }
  toast.success(`${title} finished (${batch.done.toLocaleString()} done).`);
}

/**
 * "about 3 min left"
 * @param {number | null} seconds
 */
function eta(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  return `about ${hours} h ${Math.round((seconds % 3600) / 60)} min left`;
}

/**
 * @param {string} id
 * @param {'pause' | 'resume' | 'cancel'} action
 */
async function control(id, action) {
  try {
    trackBatch(await post(`${path`/api/batches/${id}`}/${action}`));
  } catch (err) {
    toastError(err, `Could not ${action} this task`);
  }
}

/**
 * One row per batch, kept between renders so bars animate instead of being rebuilt.
 * @typedef {{ element: HTMLElement, update: (batch: Batch) => void }} Row
 */

/**
 * @param {Batch} initial
 * @returns {Row}
 */
function createRow(initial) {
  let batch = initial;
  const title = el('span', { class: 'global-progress__title' });
  const meta = el('span', { class: 'global-progress__meta muted small' });
  const bar = createProgressBar({ total: 1, done: 0, compact: true });
  const counts = el('span', { class: 'global-progress__counts small' });
  const toggle = el('button', { type: 'button', class: 'btn btn--small btn--ghost' });
  const cancel = el('button', { type: 'button', class: 'btn btn--small btn--ghost global-progress__cancel' }, 'Cancel');

  toggle.addEventListener('click', () => void control(batch.id, batch.status === 'paused' ? 'resume' : 'pause'));
  cancel.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Cancel this task?',
      message: `“${batch.title}”: work not yet done is dropped; what is finished stays.`,
      confirmLabel: 'Cancel task',
      cancelLabel: 'Keep running',
      danger: true,
    });
    if (ok) await control(batch.id, 'cancel');
  });

  const element = el('li', { class: 'global-progress__row', dataset: { batchId: initial.id } },
    el('div', { class: 'global-progress__label' }, title, meta),
    el('div', { class: 'global-progress__bar' }, bar.element, counts),
    el('div', { class: 'global-progress__actions' }, toggle, cancel),
  );

  /** @param {Batch} next */
  function update(next) {
    batch = next;
    const done = processed(next);
    title.textContent = next.title || next.kind;
    const parts = [];
    if (next.status === 'paused') parts.push('paused');
    else if (eta(next.etaSeconds)) parts.push(eta(next.etaSeconds));
    if (next.failed > 0) parts.push(`${next.failed.toLocaleString()} failed`);
    if (next.costUsd > 0) parts.push(`$${next.costUsd.toFixed(2)}`);
    meta.textContent = parts.join(' • ');
    bar.update(done, next.total, next.title);
    const pct = next.total > 0 ? Math.round((done / next.total) * 100) : 100;
    counts.textContent = `${done.toLocaleString()}/${next.total.toLocaleString()} (${pct}%)`;
    toggle.textContent = next.status === 'paused' ? 'Resume' : 'Pause';
    toggle.setAttribute('aria-label', `${next.status === 'paused' ? 'Resume' : 'Pause'} ${next.title}`);
    cancel.setAttribute('aria-label', `Cancel ${next.title}`);
    element.classList.toggle('is-paused', next.status === 'paused');
  }
  update(initial);
  return { element, update };
}

/**
 * Renders the bar into its slot below the header (hidden while nothing runs).
 * @param {HTMLElement} slot
 * @returns {() => void} cleanup
 */
export function mountGlobalProgress(slot) {
  /** @type {Map<string, Row>} */
  const rows = new Map();
  const list = el('ul', { class: 'global-progress__list' });
  const heading = el('h2', { class: 'visually-hidden' }, 'Background tasks');
  replaceChildren(slot, el('div', { class: 'global-progress__inner' }, heading, list));
  slot.setAttribute('role', 'region');
  slot.setAttribute('aria-label', 'Background tasks');

  function render() {
    const batches = getActiveBatches();
    const ids = new Set(batches.map((b) => b.id));
    for (const [id, row] of rows) {
      if (!ids.has(id)) {
        row.element.remove();
        rows.delete(id);
      }
    }
    for (const batch of batches) {
      let row = rows.get(batch.id);
      if (!row) {
        row = createRow(batch);
        rows.set(batch.id, row);
        list.append(row.element);
      } else {
        row.update(batch);
      }
    }
    slot.hidden = batches.length === 0;
  }

  renderers.add(render);
  render();
  const load = () => reload().catch(() => undefined);
  void load();
  const offState = events.onStateChange((state) => {
    if (state === 'open') void load();
  });
  return () => {
    renderers.delete(render);
    offState();
    // Unmounted on sign-out: the next owner session starts from the server's list.
    active.clear();
    slot.replaceChildren();
    slot.hidden = true;
  };
}
