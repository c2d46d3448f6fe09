import { el } from '../ui/dom.js';
import { toast, toastError } from '../ui/toast.js';
import { batchAction } from './batches-api.js';
import { countDone } from './batch-format.js';
import { onBatchEnd, reviveBatch } from './batch-store.js';

// One toast when a batch ends, worded for its kind of work, with "Retry
// failed" when some items failed.

/** @typedef {import('./batches-api.js').Batch} Batch */

/** @param {Batch} batch */
function announce(batch) {
  const title = batch.title || 'Background work';
  if (batch.status === 'cancelled') {
    toast.info(`${title} was cancelled; ${countDone(batch, batch.done)} before that.`);
    return;
  }
  if (batch.failed > 0) {
    const handle = toast.warning(`${title}: ${countDone(batch, batch.done)}, ${batch.failed.toLocaleString()} failed.`,
      { title: 'Finished with failures', timeout: 15_000 });
    const retry = el('button', { type: 'button', class: 'btn btn--small btn--secondary toast__action' }, 'Retry failed');
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        reviveBatch(await batchAction(batch.id, 'retry-failed'));
        handle.close();
      } catch (err) {
        retry.disabled = false;
        toastError(err, 'Could not retry the failed items');
      }
    });
    handle.element.querySelector('.toast__content')?.append(retry);
    return;
  }
  toast.success(`${title}: ${countDone(batch, batch.done)}.`, { title: 'Done' });
}

/**
 * Starts announcing batch ends (while signed in).
 * @returns {() => void} stop
 */
export function announceBatchEnds() {
  return onBatchEnd(announce);
}
