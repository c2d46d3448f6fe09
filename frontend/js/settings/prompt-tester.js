import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { field, withBusy } from '../ui/forms.js';
import { testPrompt } from '../processing/prompts-api.js';
import { modelPicker } from '../processing/pickers.js';
import { count, duration, usd } from '../processing/format.js';

// Settings → Description prompt → "Test this prompt": the text in the editor
// on an uploaded image or a library photo, without saving anything.

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * "Test this prompt": runs the text in the editor on an uploaded image or a library photo and shows
 * what the model answers. Nothing is saved.
 * @param {import('../processing/processing-api.js').AiModel[]} models
 * @param {() => string} currentText
 * @param {AbortSignal} signal
 */
export function promptTester(models, currentText, signal) {
  const sourceName = uid('test-source');
  const uploadRadio = el('input', { type: 'radio', name: sourceName, value: 'file', checked: true, id: `${sourceName}-file` });
  const photoRadio = el('input', { type: 'radio', name: sourceName, value: 'photo', id: `${sourceName}-photo` });
  const file = field({ label: 'Image file', name: 'file', attrs: { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif' }, hint: 'JPEG, PNG, WebP or GIF, up to 20 MB.' });
  const photoId = field({ label: 'Library photo id', name: 'photoId', attrs: { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'e.g. 42' }, hint: 'The id of a synced photo (shown in the photo’s address).' });
  photoId.element.hidden = true;
  const model = modelPicker(models);
  const runButton = el('button', { type: 'submit', class: 'btn btn--secondary', disabled: !model.usable() }, 'Test prompt');
  const result = el('div', { class: 'prompt-test__result', 'aria-live': 'polite' });
  const preview = el('img', { class: 'prompt-test__preview', alt: 'Image being tested', hidden: true });
  /** @type {string | null} */
  let previewUrl = null;

  const form = el('form', { class: 'form prompt-test', novalidate: true, 'aria-labelledby': `${sourceName}-title` },
    el('h3', { class: 'prompt-test__title', id: `${sourceName}-title` }, 'Test on an image'),
    el('p', { class: 'small muted' }, 'Runs the text above once, without saving it. The call is billed like one description.'),
    el('fieldset', { class: 'prompt-test__source' },
      el('legend', { class: 'field__label' }, 'Image'),
      el('label', { class: 'radio' }, uploadRadio, ' Upload a file'),
      el('label', { class: 'radio' }, photoRadio, ' A library photo')),
    file.element, photoId.element, model.element,
    el('div', { class: 'button-row' }, runButton),
    el('div', { class: 'prompt-test__output' }, preview, result));

  const useFile = () => uploadRadio.checked;
  for (const radio of [uploadRadio, photoRadio]) {
    radio.addEventListener('change', () => {
      file.element.hidden = !useFile();
      photoId.element.hidden = useFile();
    });
  }

  const fileInput = /** @type {HTMLInputElement} */ (file.control);
  fileInput.addEventListener('change', () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    const chosen = fileInput.files?.[0];
    preview.hidden = !chosen;
    if (chosen) {
      previewUrl = URL.createObjectURL(chosen);
      preview.src = previewUrl;
    }
  });
  signal.addEventListener('abort', () => { if (previewUrl) URL.revokeObjectURL(previewUrl); }, { once: true });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    file.setError(null);
    photoId.setError(null);
    const text = currentText();
    if (!text) {
      replaceChildren(result, el('p', { class: 'text-fail' }, 'Write or load a prompt above first.'));
      return;
    }
    const chosenModel = model.selected();
    if (!chosenModel) {
      model.setError('Choose a model with an API key.');
      return;
    }
    /** @type {{ text: string, model: string, file?: File, photoId?: number }} */
    const input = { text, model: chosenModel.id };
    if (useFile()) {
      const chosen = fileInput.files?.[0];
      if (!chosen) {
        file.setError('Choose an image file.');
        fileInput.focus();
        return;
      }
      if (chosen.size > MAX_UPLOAD_BYTES) {
        file.setError('That file is larger than 20 MB.');
        return;
      }
      input.file = chosen;
    } else {
      const raw = photoId.control.value.trim();
      if (!/^\d+$/.test(raw)) {
        photoId.setError('Enter the number of a synced photo.');
        photoId.control.focus();
        return;
      }
      input.photoId = Number(raw);
    }
    void withBusy(runButton, async () => {
      replaceChildren(result, el('p', { class: 'muted' }, `Asking ${chosenModel.label || chosenModel.id}…`));
      try {
        const answer = await testPrompt(input, signal);
        const stats = [
          answer.inputTokens || answer.outputTokens ? `${count(answer.inputTokens)} in / ${count(answer.outputTokens)} out tokens` : '',
          answer.costUsd ? usd(answer.costUsd) : '',
          answer.latencyMs ? duration(answer.latencyMs) : '',
        ].filter(Boolean).join(' · ');
        replaceChildren(result,
          el('div', { class: 'ai-version prompt-test__answer' },
            el('p', { class: 'ai-version__description' }, answer.description),
            answer.keywords?.length
              ? el('ul', { class: 'chips', 'aria-label': 'Keywords' }, answer.keywords.map((k) => el('li', { class: 'chip' }, k)))
              : null,
            answer.peopleCount != null || answer.setting
              ? el('p', { class: 'ai-version__facts small' },
                [answer.peopleCount != null ? `People: ${answer.peopleCount}` : '', answer.setting ? `Setting: ${answer.setting}` : ''].filter(Boolean).join(' · '))
              : null,
            stats ? el('p', { class: 'ai-version__meta small muted' }, stats) : null));
      } catch (err) {
        if (signal.aborted) return;
        const photoErrors = err && typeof err === 'object' && 'fieldErrors' in err
          ? /** @type {import('../api.js').ApiError} */ (err).fieldErrors('photoId') : [];
        if (photoErrors.length) photoId.setError(photoErrors.join(' '));
        replaceChildren(result, el('p', { class: 'text-fail', role: 'alert' }, `The test failed: ${errorMessage(err)}`));
      }
    });
  });

  return el('div', { class: 'prompt-editor__test' }, form);
}
