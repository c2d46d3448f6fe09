import { el, replaceChildren } from '../ui/dom.js';
import { field, withBusy } from '../ui/forms.js';
import { ApiError, errorMessage } from '../api.js';
import { toast } from '../ui/toast.js';
import { confirmWriteBack, getWriteBack, previewWriteBack, undoWriteBack } from './autopilot-api.js';
import { diffTable } from './writeback-diff.js';

// Preview a write-back for an album or a folder, confirm it, follow it and
// undo it (photos changed on SmugMug since the write need a second confirm).

/** @typedef {import('./autopilot-api.js').WriteBack} WriteBack */
/** @typedef {import('./autopilot-api.js').Targets} Targets */
/** @typedef {{ trackBatch: (batch: any) => void, onBatchEnd: (batchId: string, then: () => void) => void }} Hooks */

/**
 * @param {HTMLElement} container
 * @param {Targets} targets
 * @param {Hooks} hooks
 */
export function mountWriteBackPreview(container, targets, hooks) {
  const scopes = [
    ...targets.albums.filter((a) => a.optedIn).map((a) => [`album:${a.albumKey}`, `Album ${a.name}`]),
    ...targets.folders.map((f) => [`folder:${f}`, `Folder ${f}`]),
  ];
  const scope = field({ label: 'Preview for', name: 'writeback-scope',
    control: el('select', {}, scopes.map(([v, label]) => el('option', { value: v }, label))) });
  const previewButton = el('button', { type: 'button', class: 'btn btn--secondary', id: 'writeback-preview' }, 'Preview changes');
  previewButton.disabled = scopes.length === 0;
  const result = el('div', { id: 'writeback-result', 'aria-live': 'polite' });
  replaceChildren(container, el('div', { class: 'stack' }, el('h3', {}, 'Preview and write'),
    scopes.length ? scope.element : el('p', { class: 'muted' }, 'Opt in an album or folder first.'), el('p', {}, previewButton), result));

  /** @param {unknown} err */
  function showError(err) {
    const reconnect = err instanceof ApiError && err.status === 403;
    replaceChildren(result, el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)),
      reconnect ? el('p', {}, 'To reconnect: Settings → Keys & provider → SmugMug → Disconnect, then Connect and allow “Modify”.') : null);
  }

  /** @param {WriteBack} wb */
  function show(wb) {
    const summary = `${wb.changes} photo(s) to change · ${wb.unchanged} already up to date · ${wb.notApproved} without an approved description` +
      (wb.notOptedIn ? ` · ${wb.notOptedIn} not opted in` : '');
    const counts = Object.entries(wb.counts).map(([k, n]) => `${n} ${k}`).join(' · ');
    const actions = el('p', {});
    if (wb.id != null && wb.status === 'previewed') {
      const confirm = el('button', { type: 'button', class: 'btn btn--primary', id: 'writeback-confirm' }, `Write ${wb.changes} photo(s) to SmugMug`);
      confirm.addEventListener('click', () => void withBusy(confirm, () => start(() => confirmWriteBack(/** @type {number} */ (wb.id)), wb.id)));
      actions.append(confirm);
    }
    if (wb.id != null && (wb.counts.written ?? 0) > 0) {
      const undo = el('button', { type: 'button', class: 'btn btn--secondary', id: 'writeback-undo' }, 'Undo this write-back');
      undo.addEventListener('click', () => void withBusy(undo, () => start(() => undoWriteBack({ writeBackId: /** @type {number} */ (wb.id) }), wb.id)));
      actions.append(undo);
    }
    if (wb.id != null && (wb.counts.protected ?? 0) > 0) {
      const force = el('button', { type: 'button', class: 'btn btn--danger', id: 'writeback-force' }, 'Undo anyway (overwrites changes made on SmugMug)');
      force.addEventListener('click', () => void withBusy(force, () => start(() => undoWriteBack({ writeBackId: /** @type {number} */ (wb.id), force: true }), wb.id)));
      actions.append(' ', force);
    }
    replaceChildren(result, el('p', { role: 'status', id: 'writeback-summary' }, wb.changes ? summary : `Nothing to write. ${summary}`),
      counts ? el('p', { class: 'muted', id: 'writeback-counts' }, counts) : null, actions, wb.items.length ? diffTable(wb.items) : null);
  }

  /**
   * @param {() => Promise<{ batch: any }>} action
   * @param {number | null} id
   */
  async function start(action, id) {
    try {
      const started = await action();
      hooks.trackBatch(started.batch);
      toast.info('Working on SmugMug…');
      hooks.onBatchEnd(started.batch.id, () => void getWriteBack(/** @type {number} */ (id)).then(show, showError));
    } catch (err) {
      showError(err);
    }
  }

  previewButton.addEventListener('click', () => void withBusy(previewButton, async () => {
    const [kind, ...rest] = scope.control.value.split(':');
    const key = rest.join(':');
    try {
      show(await previewWriteBack(kind === 'album' ? { scope: 'album', albumKey: key } : { scope: 'folder', folderPath: key }));
    } catch (err) {
      showError(err);
    }
  }));
}
