import { el, replaceChildren } from '../ui/dom.js';
import { field, withBusy } from '../ui/forms.js';
import { errorMessage } from '../api.js';
import { toast, toastError } from '../ui/toast.js';
import { subscribe } from '../events.js';
import { trackBatch } from '../batches/batch-store.js';
import { getAutopilot, getTargets, saveAutopilot, setTarget } from './autopilot-api.js';
import { mountWriteBackPreview } from './writeback-preview.js';

// Settings → Autopilot: what write-back writes, and which albums or folders
// (with their sub-folders) are opted in. Preview, confirm and undo live in
// writeback-preview.js.

/**
 * @param {[string, string][]} options
 * @param {string} value
 */
function select(options, value) {
  const s = el('select', {}, options.map(([v, label]) => el('option', { value: v }, label)));
  s.value = value;
  return s;
}

/**
 * @param {HTMLElement} container
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountWriteBack(container, signal) {
  const options = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const targets = el('div');
  const preview = el('div');
  replaceChildren(container, el('section', { class: 'settings-section', 'aria-labelledby': 'writeback-heading' },
    el('h2', { id: 'writeback-heading' }, 'Write approved descriptions back to SmugMug'),
    el('p', { class: 'muted' }, 'Only approved descriptions are written, only to opted-in albums and folders, and only after you confirm a preview. ' +
      'Writing needs SmugMug’s Modify permission: if SmugMug was connected with Read only, disconnect it under Keys & provider and connect again, allowing Modify.'),
    options, targets, preview));

  async function loadOptions() {
    const s = await getAutopilot(signal);
    const keywords = el('input', { type: 'checkbox', id: 'writeback-keywords' });
    keywords.checked = s.writeKeywords;
    const caption = field({ label: 'Caption', name: 'caption', control: select([['never', 'Never'], ['when_empty', 'Only when empty'], ['always', 'Always']], s.caption) });
    const title = field({ label: 'Title', name: 'title', control: select([['never', 'Never'], ['when_empty', 'Only when empty']], s.title) });
    const save = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Save write-back options');
    save.addEventListener('click', () => void withBusy(save, async () => {
      try {
        await saveAutopilot({ writeKeywords: keywords.checked, caption: caption.control.value, title: title.control.value });
        toast.success('Write-back options saved');
      } catch (err) {
        toastError(err, 'Could not save');
      }
    }));
    replaceChildren(options, el('div', { class: 'stack' },
      el('label', { class: 'radio', for: keywords.id }, keywords, ' Keywords: add the AI’s to SmugMug’s (the photographer’s own are always kept)'),
      caption.element, title.element, el('p', {}, save)));
  }

  async function loadTargets() {
    const t = await getTargets(signal);
    /** @param {'album' | 'folder'} kind @param {string} key @param {string} label @param {boolean} checked @param {boolean} [inherited] */
    const toggle = (kind, key, label, checked, inherited = false) => {
      const box = el('input', { type: 'checkbox', dataset: { kind, key } });
      box.checked = checked;
      box.disabled = inherited;
      box.addEventListener('change', async () => {
        try {
          await setTarget(kind, key, box.checked);
          await loadTargets();
        } catch (err) {
          toastError(err, 'Could not change the opt-in');
        }
      });
      return el('li', {}, el('label', { class: 'radio' }, box, ` ${label}`, inherited ? el('span', { class: 'muted' }, ' (through its folder)') : null));
    };
    const folderTargets = new Set(t.targets.filter((x) => x.kind === 'folder').map((x) => x.key));
    replaceChildren(targets, el('div', { class: 'stack', id: 'writeback-targets' },
      el('h3', {}, 'Opted in'),
      t.folders.length ? el('ul', {}, t.folders.map((f) => toggle('folder', f, `Folder ${f}`, folderTargets.has(f)))) : null,
      el('ul', {}, t.albums.map((a) => toggle('album', a.albumKey, a.folderPath ? `${a.folderPath} / ${a.name}` : a.name, a.optedIn, a.inherited)))));
    mountWriteBackPreview(preview, t, { trackBatch, onBatchEnd });
  }

  /** @type {Map<string, () => void>} */
  const waiting = new Map();
  /** @param {string} batchId @param {() => void} then */
  function onBatchEnd(batchId, then) {
    waiting.set(batchId, then);
  }
  const unsubscribe = subscribe('batch.progress', (/** @type {any} */ b) => {
    if (b && waiting.has(b.id) && (b.status === 'completed' || b.status === 'cancelled')) {
      const then = waiting.get(b.id);
      waiting.delete(b.id);
      then?.();
    }
  });

  Promise.all([loadOptions(), loadTargets()]).catch((err) => {
    if (!signal.aborted) replaceChildren(options, el('p', { class: 'alert alert--error' }, errorMessage(err)));
  });
  return unsubscribe;
}
