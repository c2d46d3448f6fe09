import * as events from '../events.js';
import { createStore } from '../core/store.js';
import { getBatch as fetchBatch, getBatches } from './batches-api.js';

// What this page knows about batches: the running/paused ones and the final
// state of those that ended while it was open. Fed by `batch.progress` events
// and by API answers (trackBatch), reconciled with the server on start and
// after every SSE reconnect, so it survives reloads and outages without polling.

/** @typedef {import('./batches-api.js').Batch} Batch */

const ACTIVE = new Set(['running', 'paused']);

/** @type {Map<string, Batch>} running and paused batches, by id */
const active = new Map();
/** @type {Map<string, Batch>} the final state of batches that ended while this page was open */
const ended = new Map();
/** Batches restarted on purpose (retry failed), which may become active again after ending. */
const revived = new Set();
/** Batches whose end was already announced, so replays and late events do not announce twice. */
const announced = new Set();

/** The batch that changed last; every change is news. */
const changed = createStore(/** @type {Batch | null} */ (null), { name: 'batches', equals: () => false });
/** The batch that just ended (once per batch and run). */
const endedNow = createStore(/** @type {Batch | null} */ (null), { name: 'batch-ends', equals: () => false });

/** @param {Batch} batch */
export function processed(batch) {
  return batch.done + batch.failed + batch.cancelled;
}

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
  }
  changed.set(batch);
  if (!ACTIVE.has(batch.status) && !announced.has(batch.id)) {
    announced.add(batch.id);
    endedNow.set(batch);
  }
}

/**
 * A batch restarted on purpose (retry failed) may run and end again.
 * @param {Batch} batch its new state
 */
export function reviveBatch(batch) {
  announced.delete(batch.id);
  revived.add(batch.id);
  trackBatch(batch);
}

/**
 * Notified of every batch state change (progress, pause, completion).
 * @param {(batch: Batch) => void} listener
 * @returns {() => void}
 */
export function onBatchChange(listener) {
  return changed.subscribe((batch) => {
    if (batch) listener(batch);
  });
}

/**
 * Notified once when a batch ends (completed, cancelled or failed).
 * @param {(batch: Batch) => void} listener
 * @returns {() => void}
 */
export function onBatchEnd(listener) {
  return endedNow.subscribe((batch) => {
    if (batch) listener(batch);
  });
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

/** Forgets everything (sign-out): the next session starts from the server's list. */
export function resetBatches() {
  active.clear();
  changed.set(null);
}

/** Reconciles with the server: what is active now, and how the ones that vanished ended. */
export async function reloadBatches() {
  const items = await getBatches({ active: true, pageSize: 100 });
  const now = new Set(items.map((b) => b.id));
  const vanished = [...active.keys()].filter((id) => !now.has(id));
  for (const batch of items) trackBatch(batch);
  // These finished while we were not listening; fetch their final state.
  await Promise.all(vanished.map(async (id) => {
    try {
      trackBatch(await fetchBatch(id));
    } catch {
      active.delete(id);
      changed.set(null);
    }
  }));
}

events.subscribe('batch.progress', (data) => {
  if (data && typeof data === 'object') trackBatch(/** @type {Batch} */ (data));
});
