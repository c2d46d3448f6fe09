import { el } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { confirmDialog } from '../ui/modal.js';
import { toastError } from '../ui/toast.js';
import { batchAction } from '../batches/batches-api.js';
import { batchUnit, eta } from '../batches/batch-format.js';
import { processed, trackBatch } from '../batches/batch-store.js';
import { plural } from '../ui/format.js';

// One batch in the global progress bar: title, ETA/failures/cost, the bar
// with its counts, and pause/resume and cancel (after a confirm).

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
export function createRow(initial) {
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
