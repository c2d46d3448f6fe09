import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { withBusy } from '../ui/forms.js';
import { openModal } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { getModels, regeneratePhoto } from './processing-api.js';
import { getPrompts } from './prompts-api.js';
import { modelPicker, promptPicker } from './pickers.js';
import { announceBatch } from './library-hooks.js';

// "Regenerate…" from the AI panel: pick a model and a prompt; the new text
// becomes a new version and the current one stays in History.

/**
 * Regenerate with a chosen model and prompt; the current text stays in History.
 * @param {import('./processing-api.js').PhotoId} photoId
 * @param {number} currentVersion
 * @returns {Promise<import('./processing-api.js').BatchView | null>}
 */
export function openRegenerateDialog(photoId, currentVersion) {
  return new Promise((resolve) => {
    /** @type {import('./processing-api.js').BatchView | null} */
    let created = null;
    const lifetime = new AbortController();
    const content = el('div', null, el('p', { role: 'status' }, 'Loading models…'));
    const modal = openModal({
      title: 'Regenerate the description',
      content,
      size: 'small',
      onClose: () => {
        lifetime.abort();
        resolve(created);
      },
    });
    Promise.all([getModels(lifetime.signal), getPrompts(lifetime.signal).catch(() => [])]).then(([models, prompts]) => {
      if (lifetime.signal.aborted) return;
      const model = modelPicker(models);
      const prompt = promptPicker(prompts);
      const formError = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
      const start = el('button', { type: 'submit', class: 'btn btn--primary', disabled: !model.usable() }, 'Regenerate');
      const form = el('form', { class: 'form', novalidate: true },
        model.element, prompt.element,
        el('p', { class: 'small' }, currentVersion
          ? `A new version is added; version ${currentVersion} stays available in History. This costs one description.`
          : 'This costs one description.'),
        formError,
        el('div', { class: 'button-row describe__actions' },
          el('button', { type: 'button', class: 'btn btn--ghost', on: { click: () => modal.close() } }, 'Cancel'), start));
      replaceChildren(content, form);
      model.control.focus();
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const chosen = model.selected();
        if (!chosen) {
          model.setError('Choose a model with an API key.');
          return;
        }
        formError.hidden = true;
        void withBusy(start, async () => {
          try {
            const batch = await regeneratePhoto(photoId, { model: chosen.id, promptId: prompt.value() });
            created = batch ?? /** @type {any} */ ({});
            void announceBatch(batch);
            toast.success(`Regenerating with ${chosen.label || chosen.id}.`);
            modal.close();
          } catch (err) {
            formError.textContent = `Could not regenerate: ${errorMessage(err)}`;
            formError.hidden = false;
          }
        });
      });
    }).catch((err) => {
      if (lifetime.signal.aborted) return;
      replaceChildren(content, el('p', { class: 'alert alert--error', role: 'alert' }, `The AI models could not be loaded: ${errorMessage(err)}`));
    });
  });
}
