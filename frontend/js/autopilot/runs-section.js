import { el, replaceChildren } from '../ui/dom.js';
import { dateTime } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { subscribe } from '../events.js';
import { listRuns } from './autopilot-api.js';

// Settings → Autopilot: the run history — when, what changed, what was
// described, cost and errors — refreshed on every autopilot.run event.

/** @typedef {import('./autopilot-api.js').Run} Run */

/** @param {Run} r */
function row(r) {
  const note = r.pausedReason ?? r.error ?? '';
  return el('tr', { dataset: { runId: String(r.id), status: r.status } },
    el('td', {}, dateTime(r.startedAt), el('br'), el('span', { class: 'muted' }, r.trigger)),
    el('td', {}, r.status.replace('_', ' ')),
    el('td', { class: 'num' }, `+${r.added} / ~${r.updated} / −${r.removed}`),
    el('td', { class: 'num' }, r.toDescribe ? `${r.described} of ${r.toDescribe}` : '—'),
    el('td', { class: 'num' }, `$${r.costUsd.toFixed(4)}`),
    el('td', {}, note));
}

/**
 * @param {HTMLElement} container
 * @param {AbortSignal} signal
 * @returns {{ reload: () => void, dispose: () => void }}
 */
export function mountRuns(container, signal) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  replaceChildren(container, el('section', { class: 'settings-section', 'aria-labelledby': 'autopilot-runs-heading' },
    el('h2', { id: 'autopilot-runs-heading' }, 'Run history'), body));

  async function reload() {
    try {
      const page = await listRuns(signal);
      if (!page.items.length) {
        replaceChildren(body, el('p', { class: 'muted' }, 'No run yet.'));
        return;
      }
      replaceChildren(body, el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'autopilot-runs' },
        el('thead', {}, el('tr', {}, ['Started', 'Status', 'Photos +/~/−', 'Described', 'Cost', 'Notes'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, page.items.map(row)))));
    } catch (err) {
      if (!signal.aborted) replaceChildren(body, el('p', { class: 'alert alert--error' }, errorMessage(err)));
    }
  }
  const unsubscribe = subscribe('autopilot.run', () => void reload());
  void reload();
  return { reload: () => void reload(), dispose: unsubscribe };
}
