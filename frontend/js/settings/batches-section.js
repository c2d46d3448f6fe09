import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { withBusy } from '../ui/forms.js';
import { confirmDialog } from '../ui/modal.js';
import { createProgressBar } from '../ui/progress.js';
import { toast, toastError } from '../ui/toast.js';
import { dateTime, plural, timeAgo } from '../ui/format.js';
import { batchAction, getBatches } from '../batches/batches-api.js';
import { eta, usd } from '../processing/format.js';

// Settings → Background work: recent batches with pause/resume, cancel and
// retry-failed ("Cancel all" lives in the global progress bar, next to the
// running work it stops). Rows follow
// `batch.progress` events; the list is fetched on mount and after a reconnect only.

/** @typedef {import('../batches/batches-api.js').Batch} BatchView */

const RECENT = 15;
const ACTIVE = new Set(['running', 'paused']);

/**
 * Renders batch controls into `#settings-batches`.
 * @param {HTMLElement} section
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountBatchSettings(section, signal) {
  const headingId = uid('batches-heading');
  section.setAttribute('aria-labelledby', headingId);
  const list = el('ul', { class: 'batch-list', 'aria-label': 'Recent batches' });
  const empty = el('p', { class: 'muted', role: 'status' }, 'Loading batches…');

  replaceChildren(section,
    el('h2', { class: 'section-title', id: headingId }, 'Background work'),
    el('p', { class: 'section-intro muted' },
      'Syncs, descriptions and exports run as batches on the server and continue when this page is closed.'),
    el('div', { class: 'card batches' }, empty, list));

  /** @type {Map<string, { batch: BatchView, update: (b: BatchView) => void, element: HTMLElement }>} */
  const rows = new Map();

  async function load() {
    try {
      const batches = await getBatches({ pageSize: RECENT }, signal);
      if (signal.aborted) return;
      rows.clear();
      replaceChildren(list, batches.map((b) => rowFor(b).element));
      showEmpty();
    } catch (err) {
      if (signal.aborted) return;
      empty.hidden = false;
      empty.textContent = `Batches could not be loaded: ${errorMessage(err)}`;
    }
  }

  function showEmpty() {
    empty.hidden = rows.size > 0;
    empty.textContent = 'No background work yet.';
  }

  /** @param {BatchView} batch */
  function rowFor(batch) {
    const existing = rows.get(batch.id);
    if (existing) {
      existing.update(batch);
      return existing;
    }
    const title = el('span', { class: 'batch__title' });
    const status = el('span', { class: 'badge' });
    const bar = createProgressBar({ total: batch.total, done: 0 });
    const details = el('p', { class: 'batch__details small muted' });
    const pause = el('button', { type: 'button', class: 'btn btn--ghost btn--small' });
    const cancel = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Cancel');
    const retry = el('button', { type: 'button', class: 'btn btn--secondary btn--small' }, 'Retry failed');
    const element = el('li', { class: 'batch', dataset: { batchId: batch.id } },
      el('div', { class: 'batch__head' }, title, status),
      bar.element, details,
      el('div', { class: 'button-row batch__actions' }, pause, cancel, retry));

    /** @param {BatchView} b */
    function update(b) {
      row.batch = b;
      title.textContent = b.title || b.kind;
      status.textContent = b.status;
      status.className = `badge batch__status batch__status--${b.status}`;
      bar.update(b.done + b.failed + b.cancelled, b.total, b.title || b.kind);
      details.textContent = [
        `${b.done} done`,
        b.failed ? `${b.failed} failed` : '',
        b.cancelled ? `${b.cancelled} cancelled` : '',
        b.costUsd ? usd(b.costUsd) : '',
        b.status === 'running' ? eta(b.etaSeconds) : '',
        b.finishedAt ? `finished ${timeAgo(b.finishedAt)}` : b.createdAt ? `started ${timeAgo(b.createdAt)}` : '',
      ].filter(Boolean).join(' · ');
      details.title = dateTime(b.finishedAt ?? b.createdAt);
      const active = ACTIVE.has(b.status);
      pause.hidden = !active;
      pause.textContent = b.status === 'paused' ? 'Resume' : 'Pause';
      cancel.hidden = !active;
      retry.hidden = !b.failed;
      // Labels name the batch so a screen reader's button list is unambiguous.
      pause.setAttribute('aria-label', `${pause.textContent} ${b.title || b.kind}`);
      cancel.setAttribute('aria-label', `Cancel ${b.title || b.kind}`);
      retry.setAttribute('aria-label', `Retry the ${plural(b.failed, 'failed photo')} of ${b.title || b.kind}`);
    }

    /**
     * @param {HTMLButtonElement} button
     * @param {'cancel' | 'pause' | 'resume' | 'retry-failed'} action
     * @param {string} done
     */
    const act = (button, action, done) => withBusy(button, async () => {
      try {
        const next = await batchAction(row.batch.id, action);
        if (next && typeof next === 'object' && 'id' in next) update(next);
        toast.success(done);
        showEmpty();
      } catch (err) {
        toastError(err, 'The batch could not be changed');
      }
    });
    pause.addEventListener('click', () => void act(pause, row.batch.status === 'paused' ? 'resume' : 'pause', row.batch.status === 'paused' ? 'Resumed.' : 'Paused; running items finish first.'));
    cancel.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: `Cancel “${row.batch.title || row.batch.kind}”?`, message: 'Queued items are dropped and running ones are stopped. Finished items are kept.', confirmLabel: 'Cancel batch', cancelLabel: 'Keep running', danger: true });
      if (ok) await act(cancel, 'cancel', 'Batch cancelled.');
    });
    retry.addEventListener('click', () => void act(retry, 'retry-failed', 'Failed items queued again.'));

    const row = { batch, update, element };
    rows.set(batch.id, row);
    update(batch);
    return row;
  }

  const offProgress = events.subscribe('batch.progress', (batch) => {
    if (!batch || typeof batch.id !== 'string') return;
    const known = rows.has(batch.id);
    const row = rowFor(batch);
    if (!known) list.prepend(row.element);
    showEmpty();
  });
  const offState = events.onStateChange((state) => { if (state === 'open') void load(); });

  void load();
  return () => {
    offProgress();
    offState();
  };
}
