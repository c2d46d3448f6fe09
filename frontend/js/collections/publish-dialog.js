import { el } from '../ui/dom.js';
import { externalLink } from '../ui/links.js';
import { openModal } from '../ui/modal.js';
import { applyFieldErrors, field } from '../ui/forms.js';
import { createProgressBar } from '../ui/progress.js';
import { toast } from '../ui/toast.js';
import { errorMessage } from '../api.js';
import { connect, loadAccount } from '../smugmug/account.js';
import { getNode } from '../library/library-api.js';
import { onBatchChange, trackBatch } from '../batches/batch-store.js';
import { getCollection, publish } from './collections-api.js';

// Publish a collection as a new SmugMug album: name, privacy and folder, then
// a job whose progress shows here and in the global bar. Nothing is uploaded:
// SmugMug collects the existing photos. Creating an album needs the Modify
// permission; a connection without it is explained, with a way to reconnect.

/** @typedef {import('./collections-api.js').Collection} Collection */

/**
 * @param {Collection} collection
 * @param {(updated: Collection) => void} onPublished
 */
export function openPublishDialog(collection, onPublished) {
  const name = field({ label: 'Album name', name: 'name', attrs: { maxlength: '150', value: collection.name, autocomplete: 'off' } });
  const privacy = field({
    label: 'Privacy', name: 'privacy',
    control: el('select', null, el('option', { value: 'unlisted' }, 'Unlisted'), el('option', { value: 'public' }, 'Public'), el('option', { value: 'private' }, 'Private')),
  });
  const folder = field({ label: 'Folder', name: 'folderNodeId', control: el('select', null, el('option', { value: '' }, 'Top level')) });
  const notice = el('div', { class: 'alert alert--warning', role: 'alert', hidden: true });
  const status = el('p', { class: 'muted small', role: 'status' },
    collection.smugMug ? 'Publishing again adds only the photos missing from the album already published.' : 'Your photos are not uploaded again: SmugMug adds them to the new album.');
  const bar = createProgressBar({ label: 'Publishing' });
  bar.element.hidden = true;
  /** @type {(() => void) | null} */
  let unsubscribe = null;

  openModal({
    title: `Publish “${collection.name}” to SmugMug`,
    content: el('form', { class: 'stack', novalidate: true }, notice, name.element, privacy.element, folder.element, status, bar.element),
    onClose: () => unsubscribe?.(),
    actions: [{ label: 'Close', variant: 'ghost' }, { label: 'Publish', variant: 'primary', onClick: () => start() }],
  });
  void checkAccount();
  void loadFolders();

  async function checkAccount() {
    try {
      const account = await loadAccount({ force: true });
      if (account.needsReconnect) explain(`SmugMug refused the connection: ${account.reconnectReason ?? 'reconnect'}.`, true);
      else if (!account.connected) explain('Connect SmugMug first (the badge at the top right).', false);
      else if (!account.canModify) {
        explain(`Publishing creates an album, which needs SmugMug's “Modify” permission. This connection was made with “${account.permissions}” (TargetVision asks for read access unless a feature writes). Reconnect with Modify; browsing and syncing work either way.`, true);
      }
    } catch (err) {
      explain(errorMessage(err), false);
    }
  }

  /** @param {string} text @param {boolean} reconnect */
  function explain(text, reconnect) {
    const button = el('button', { type: 'button', class: 'btn btn--secondary btn--small', 'data-testid': 'reconnect-modify' }, 'Reconnect with Modify');
    button.addEventListener('click', () => void connect({ permissions: 'Modify' }).catch((err) => toast.error(errorMessage(err))));
    notice.replaceChildren(el('p', null, text), reconnect ? button : '',
      reconnect ? el('p', { class: 'muted small' }, 'If SmugMug still grants read access only, remove TargetVision under SmugMug → Account Settings → Privacy → Authorized Services, then reconnect.') : '');
    notice.hidden = false;
  }

  async function loadFolders() {
    try {
      const listing = await getNode(null);
      const folders = listing.children.filter((c) => c.type === 'folder');
      folder.control.append(...folders.map((f) => el('option', { value: f.nodeId }, f.name)));
    } catch {
      // Top level stays available.
    }
  }

  async function start() {
    try {
      const folderId = /** @type {HTMLSelectElement} */ (folder.control).value;
      const { batch } = await publish(collection.id, {
        name: /** @type {HTMLInputElement} */ (name.control).value,
        privacy: /** @type {'public' | 'unlisted' | 'private'} */ (/** @type {HTMLSelectElement} */ (privacy.control).value),
        ...(folderId ? { folderNodeId: folderId } : {}),
      });
      trackBatch(batch);
      bar.element.hidden = false;
      bar.update(batch.done, Math.max(batch.total, 1), 'Publishing');
      unsubscribe?.();
      unsubscribe = onBatchChange((b) => {
        if (b.id !== batch.id) return;
        bar.update(b.done + b.failed, Math.max(b.total, 1), 'Publishing');
        if (b.status !== 'running' && b.status !== 'paused') void finished(b.failed);
      });
    } catch (err) {
      if (err && typeof err === 'object' && 'status' in err && err.status === 403) explain(errorMessage(err), true);
      else if (!applyFieldErrors(err, { name, privacy, folderNodeId: folder })) status.textContent = errorMessage(err);
    }
  }

  /** @param {number} failed */
  async function finished(failed) {
    unsubscribe?.();
    unsubscribe = null;
    const updated = await getCollection(collection.id);
    onPublished(updated);
    status.replaceChildren(failed
      ? `Published with ${failed} failed step(s): use “Retry failed” on the progress bar, or publish again.`
      : 'Published. ',
    externalLink(updated.smugMug?.webUri, null, 'Open the album on SmugMug') ?? '');
    if (!failed) toast.success(`“${collection.name}” is on SmugMug.`);
  }
}
