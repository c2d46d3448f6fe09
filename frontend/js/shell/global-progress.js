import * as events from '../events.js';
import { el, replaceChildren } from '../ui/dom.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { withBusy } from '../ui/forms.js';
import { cancelAllBatches } from '../batches/batches-api.js';
import { getActiveBatches, onBatchChange, reloadBatches, resetBatches } from '../batches/batch-store.js';
import { announceBatchEnds } from '../batches/batch-toasts.js';
import { plural } from '../ui/format.js';
import { createRow } from './progress-row.js';

// The global progress bar below the header: every running or paused batch
// (sync, describe, embed, export) with pause/resume and cancel, plus "Cancel
// all" when more than one runs (it sits where the work it stops is shown). The state lives in batches/batch-store.js;
// this is only its view (one row per batch: progress-row.js).

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
