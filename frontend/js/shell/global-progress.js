import * as events from '../events.js';
import { el, replaceChildren } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { withBusy } from '../ui/forms.js';
import { batchAction, cancelAllBatches } from '../batches/batches-api.js';
import { batchUnit, eta } from '../batches/batch-format.js';
import {
  getActiveBatches, onBatchChange, processed, reloadBatches, resetBatches, trackBatch,
} from '../batches/batch-store.js';
import { announceBatchEnds } from '../batches/batch-toasts.js';
import { plural } from '../ui/format.js';

// The global progress bar below the header: every running or paused batch
// (sync, describe, embed, export) with pause/resume and cancel, plus "Cancel
// all" when more than one runs (it sits where the work it stops is shown). The state lives in batches/batch-store.js;
// this is only its view.

/** @typedef {import('../batches/batches-api.js').Batch} Batch */

/**
 * @param {string} id
 * @param {'pause' | 'resume' | 'cancel'} action
 */
async function control(id, action) {
  try {
    trackBatch(await batchAction(id, action));
  } catch (err) {
    toastError(err, `Could not ${action} this task`);
  }
}

/**
 * One row per batch, kept between renders so bars animate instead of being rebuilt.
 * @param {Batch} initial
 * @returns {{ element: HTMLElement, update: (batch: Batch) => void }}
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
    counts.textContent = `${done.toLocaleString()}/${plural(next.total, batchUnit(next))} (${pct}%)`;
    toggle.textContent = next.status === 'paused' ? 'Resume' : 'Pause';
    toggle.setAttribute('aria-label', `${next.status === 'paused' ? 'Resume' : 'Pause'} ${next.title}`);
    cancel.setAttribute('aria-label', `Cancel ${next.title}`);
    element.classList.toggle('is-paused', next.status === 'paused');
  }
  update(initial);
  return { element, update };
}

function cancelAllButton() {
  const button = el('button', { type: 'button', class: 'btn btn--small btn--ghost global-progress__cancel-all', dataset: { action: 'cancel-all' } }, 'Cancel all');
  button.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Cancel all running work?',
      message: 'Every running or paused task is cancelled: queued items are dropped and running ones are stopped. Finished items stay.',
      confirmLabel: 'Cancel everything', cancelLabel: 'Keep running', danger: true,
    });
    if (!ok) return;
    await withBusy(button, async () => {
      try {
        const answer = await cancelAllBatches();
        toast.info(answer?.cancelled ? `${plural(answer.cancelled, 'task')} cancelled.` : 'Nothing was running.');
        await reloadBatches();
      } catch (err) {
        toastError(err, 'Could not cancel the running work');
      }
    });
  });
  return button;
}

/**
 * Renders the bar into its slot below the header (hidden while nothing runs).
 * @param {HTMLElement} slot
 * @returns {() => void} cleanup
 */
export function mountGlobalProgress(slot) {
  /** @type {Map<string, ReturnType<typeof createRow>>} */
  const rows = new Map();
  const list = el('ul', { class: 'global-progress__list' });
  const heading = el('h2', { class: 'visually-hidden' }, 'Background tasks');
  const cancelAll = cancelAllButton();
  replaceChildren(slot, el('div', { class: 'global-progress__inner' }, heading, list, cancelAll));
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
      const row = rows.get(batch.id);
      if (row) {
        row.update(batch);
      } else {
        const created = createRow(batch);
        rows.set(batch.id, created);
        list.append(created.element);
      }
    }
    slot.hidden = batches.length === 0;
    cancelAll.hidden = batches.length < 2;
    slot.dataset.count = String(batches.length);
  }

  const offChange = onBatchChange(render);
  const offEnds = announceBatchEnds();
  render();
  const load = () => reloadBatches().then(render).catch(() => undefined);
  void load();
  const offState = events.onStateChange((state) => {
    if (state === 'open') void load();
  });
  return () => {
    offChange();
    offEnds();
    offState();
    resetBatches();
    slot.replaceChildren();
    slot.hidden = true;
  };
}
