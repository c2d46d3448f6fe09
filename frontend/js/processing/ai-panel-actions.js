import { el } from '../ui/dom.js';
import { withBusy } from '../ui/forms.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { plural } from '../ui/format.js';
import { approvePhoto, deletePhotoAi, unapprovePhoto } from './processing-api.js';
import { openDescribeDialog } from './describe-dialog.js';
import { openRegenerateDialog } from './regenerate-dialog.js';

// The AI panel's review buttons: Edit, Approve/Unapprove, Regenerate…,
// History, Delete — or Describe…/Retry… while there is no description.

/**
 * What the buttons need from the panel.
 * @typedef {Object} Panel
 * @property {import('./ai-panel.js').PanelState} state
 * @property {() => void} render
 * @property {() => Promise<void>} load
 * @property {(status: string) => void} setStatus
 * @property {() => void} edit
 * @property {() => boolean} toggleHistory returns whether it is open now
 */

/** @param {string} action @param {string} label @param {string} [variant] */
const button = (action, label, variant = 'secondary') =>
  el('button', { type: 'button', class: `btn btn--${variant} btn--small`, dataset: { action } }, label);

/**
 * @param {Panel} panel
 * @returns {{ buttons: () => HTMLElement[], focus: (action: string) => void }}
 */
export function createPanelActions(panel) {
  const { state } = panel;
  const edit = button('edit', 'Edit');
  const approve = button('approve', 'Approve');
  const regenerate = button('regenerate', 'Regenerate…');
  const history = button('history', 'History', 'ghost');
  const remove = button('delete', 'Delete', 'ghost');
  const describe = button('describe', 'Describe…', 'primary');
  remove.classList.add('ai-panel__delete');
  history.setAttribute('aria-expanded', 'false');
  const all = { edit, approve, regenerate, history, delete: remove, describe };

  /** A batch was started for this photo: show it waiting at once. */
  const queued = () => {
    state.statusError = null;
    panel.setStatus('queued');
    panel.render();
  };

  edit.addEventListener('click', () => panel.edit());
  approve.addEventListener('click', () => {
    const approved = Boolean(state.data.current?.approved);
    void withBusy(approve, async () => {
      try {
        await (approved ? unapprovePhoto(state.id) : approvePhoto(state.id));
        toast.success(approved ? 'Approval withdrawn.' : 'Description approved.');
        await panel.load();
        approve.focus();
      } catch (err) {
        toastError(err, approved ? 'Could not unapprove' : 'Could not approve');
      }
    });
  });
  regenerate.addEventListener('click', async () => {
    if (await openRegenerateDialog(state.id, state.data.current?.version ?? 0)) queued();
  });
  history.addEventListener('click', () => history.setAttribute('aria-expanded', String(panel.toggleHistory())));
  remove.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Delete the AI description?',
      message: `The description, its keywords and all ${plural(state.data.versions.length || 1, 'version')} are removed, and the photo goes back to “not described”.`,
      confirmLabel: 'Delete description',
      danger: true,
    });
    if (!ok) return;
    try {
      await deletePhotoAi(state.id);
      toast.success('AI description deleted.');
      panel.setStatus('not_processed');
      state.mode = 'view';
      state.viewing = null;
      await panel.load();
      describe.focus();
    } catch (err) {
      toastError(err, 'Could not delete the description');
    }
  });
  describe.addEventListener('click', async () => {
    if (await openDescribeDialog({ scope: 'photos', photoIds: [state.id], label: 'this photo' })) queued();
  });

  return {
    buttons() {
      const busy = state.status === 'queued' || state.status === 'processing';
      const { current, versions } = state.data;
      history.textContent = versions.length ? `History (${versions.length})` : 'History';
      history.hidden = versions.length === 0;
      if (!current) {
        describe.textContent = state.status === 'failed' ? 'Retry…' : 'Describe…';
        describe.disabled = busy;
        return versions.length ? [describe, history] : [describe];
      }
      approve.textContent = current.approved ? 'Unapprove' : 'Approve';
      approve.dataset.action = current.approved ? 'unapprove' : 'approve';
      regenerate.disabled = busy;
      return [edit, approve, regenerate, history, remove];
    },
    focus: (action) => all[/** @type {keyof typeof all} */ (action)]?.focus(),
  };
}
