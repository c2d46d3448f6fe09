import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { field, withBusy } from '../ui/forms.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { timeAgo } from '../ui/format.js';
import {
  activatePrompt, createPrompt, getModels, getPromptTemplates, getPrompts, resetPrompts, testPrompt, updatePrompt,
} from '../processing/processing-api.js';
import { isActivePrompt, modelPicker, promptName, textareaField } from '../processing/pickers.js';
import { count, duration, usd } from '../processing/format.js';

// Settings → Description prompt: pick a saved prompt or start from one of the
// four templates, edit and save it (each save is a new version, so older
// descriptions still name the text that made them), make it active, reset to
// the default, and try it on an image without saving anything.

/** @typedef {import('../processing/processing-api.js').Prompt} Prompt */
/** @typedef {import('../processing/processing-api.js').PromptTemplate} PromptTemplate */

const MAX_PROMPT = 8000;
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Renders the prompt editor into `#settings-prompts`.
 * @param {HTMLElement} section
 * @param {AbortSignal} signal aborted when the settings page is left
 */
export function mountPromptSettings(section, signal) {
  const headingId = uid('prompts-heading');
  section.setAttribute('aria-labelledby', headingId);
  const content = el('div', { class: 'card prompt-editor' }, el('p', { class: 'muted', role: 'status' }, 'Loading prompts…'));
  replaceChildren(section,
    el('h2', { class: 'section-title', id: headingId }, 'Description prompt'),
    el('p', { class: 'section-intro muted' },
      'The instructions sent with every photo. Saving creates a new version; descriptions keep the version that produced them.'),
    content);

  void Promise.all([getPrompts(signal), getPromptTemplates(signal).catch(() => []), getModels(signal).catch(() => [])])
    .then(([prompts, templates, models]) => {
      if (!signal.aborted) render(prompts, templates, models);
    })
    .catch((err) => {
      if (signal.aborted) return;
      replaceChildren(content,
        el('p', { class: 'text-fail' }, `Prompts could not be loaded: ${errorMessage(err)}`),
        el('button', { type: 'button', class: 'btn btn--secondary btn--small', on: { click: () => mountPromptSettings(section, signal) } }, 'Try again'));
    });

  /**
   * @param {Prompt[]} prompts
   * @param {PromptTemplate[]} templates
   * @param {import('../processing/processing-api.js').AiModel[]} models
   */
  function render(prompts, templates, models) {
    /** @type {Prompt | null} the saved prompt being edited; null for a new one */
    let editing = prompts.find(isActivePrompt) ?? prompts[0] ?? null;

    const pickerId = uid('prompt-pick');
    const picker = el('select', { id: pickerId });
    const activeNote = el('span', { class: 'badge badge--saved', hidden: true }, 'Active');
    const name = field({ label: 'Name', name: 'name', attrs: { type: 'text', maxlength: 100, autocomplete: 'off' } });
    const text = textareaField({ label: 'Prompt text', name: 'text', rows: 12, maxlength: MAX_PROMPT,
      hint: 'Ask for 2–5 sentences on subjects, action, setting, mood and notable objects. The answer format (description, keywords, people, setting) is added by the server.' });
    const meta = el('p', { class: 'small muted prompt-editor__meta' });
    const saveButton = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Save');
    const activateButton = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Make active');
    const resetButton = el('button', { type: 'button', class: 'btn btn--ghost' }, 'Reset to default');
    const templateButtons = templates.map((t) => el('button', {
      type: 'button', class: 'btn btn--secondary btn--small', title: t.summary ?? '', dataset: { template: t.id },
      on: { click: () => useTemplate(t) },
    }, t.name));
    // The templates share optional instructions (count people, note smiles, say when nobody is there);
    // the ticked ones are appended to whichever template is loaded.
    /** @type {Map<string, import('../processing/processing-api.js').PromptOption>} */
    const optionById = new Map();
    for (const t of templates) for (const o of t.options ?? []) if (!optionById.has(o.id)) optionById.set(o.id, o);
    const optionBoxes = [...optionById.values()].map((option) => ({
      option,
      input: el('input', { type: 'checkbox', value: option.id, id: uid(`opt-${option.id}`) }),
    }));

    const form = el('form', { class: 'form prompt-editor__form', novalidate: true },
      el('div', { class: 'prompt-editor__pick' },
        el('div', { class: 'field' }, el('label', { class: 'field__label', for: pickerId }, 'Saved prompts'), picker),
        activeNote),
      templates.length
        ? el('div', { class: 'prompt-editor__templates', role: 'group', 'aria-label': 'Start from a template' },
          el('span', { class: 'field__label' }, 'Start from a template'),
          el('div', { class: 'button-row' }, templateButtons),
          optionBoxes.length
            ? el('fieldset', { class: 'prompt-editor__options' },
              el('legend', { class: 'field__hint' }, 'Also ask the template to:'),
              optionBoxes.map(({ option, input }) => el('label', { class: 'radio', for: input.id, title: option.text }, input, ` ${option.label}`)))
            : null)
        : null,
      name.element, text.element, meta,
      el('div', { class: 'button-row' }, saveButton, activateButton, resetButton));

    const tester = promptTester(models, () => text.textarea.value.trim(), signal);
    replaceChildren(content, form, tester);

    function fillPicker() {
      replaceChildren(picker,
        prompts.map((p) => el('option', { value: String(p.id) }, `${promptName(p)}${isActivePrompt(p) ? ' — active' : ''}`)),
        el('option', { value: '' }, 'New prompt…'));
      picker.value = editing ? String(editing.id) : '';
    }

    function showEditing() {
      fillPicker();
      name.setError(null);
      text.setError(null);
      name.control.value = editing?.name ?? '';
      text.textarea.value = editing?.text ?? '';
      activeNote.hidden = !editing || !isActivePrompt(editing);
      activateButton.hidden = !editing || isActivePrompt(editing);
      const version = editing?.version ?? editing?.currentVersion;
      const when = timeAgo(editing?.updatedAt ?? editing?.createdAt);
      meta.textContent = editing
        ? [version ? `Version ${version}` : '', when ? `saved ${when}` : '', editing.isDefault || editing.builtInKey ? 'built-in' : ''].filter(Boolean).join(' · ')
        : 'Not saved yet.';
      saveButton.textContent = editing ? 'Save new version' : 'Save prompt';
    }

    /** @param {PromptTemplate} template */
    function useTemplate(template) {
      const dirty = editing ? text.textarea.value !== (editing.text ?? '') : text.textarea.value.trim() !== '';
      const apply = () => {
        // A template starts a new prompt so the saved one is not overwritten by accident.
        editing = null;
        showEditing();
        const offered = new Set((template.options ?? []).map((o) => o.id));
        const extras = optionBoxes.filter(({ option, input }) => input.checked && offered.has(option.id)).map(({ option }) => option.text);
        name.control.value = template.name;
        text.textarea.value = [template.text, ...extras].join(' ');
        text.textarea.focus();
        toast.info(`Template “${template.name}” loaded. Save to keep it.`);
      };
      if (!dirty) {
        apply();
        return;
      }
      void confirmDialog({ title: 'Replace your changes?', message: 'The text you edited has not been saved.', confirmLabel: 'Use template' })
        .then((ok) => { if (ok) apply(); });
    }

    async function reload() {
      prompts = await getPrompts(signal);
      if (editing) editing = prompts.find((p) => String(p.id) === String(editing?.id)) ?? editing;
      showEditing();
    }

    picker.addEventListener('change', () => {
      editing = prompts.find((p) => String(p.id) === picker.value) ?? null;
      showEditing();
    });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = { name: name.control.value.trim(), text: text.textarea.value.trim() };
      name.setError(null);
      text.setError(null);
      if (!body.name) name.setError('Give the prompt a name.');
      if (!body.text) text.setError('The prompt needs some text.');
      if (!body.name || !body.text) {
        (body.name ? text.textarea : name.control).focus();
        return;
      }
      void withBusy(saveButton, async () => {
        try {
          const saved = editing ? await updatePrompt(editing.id, body) : await createPrompt(body);
          if (saved && typeof saved === 'object' && 'id' in saved) editing = saved;
          await reload();
          toast.success(`Prompt “${body.name}” saved.`);
        } catch (err) {
          const messages = err && typeof err === 'object' && 'fieldErrors' in err
            ? /** @type {import('../api.js').ApiError} */ (err) : null;
          const nameErrors = messages?.fieldErrors('name') ?? [];
          const textErrors = messages?.fieldErrors('text') ?? [];
          if (nameErrors.length) name.setError(nameErrors.join(' '));
          if (textErrors.length) text.setError(textErrors.join(' '));
          if (!nameErrors.length && !textErrors.length) toastError(err, 'Could not save the prompt');
        }
      });
    });

    activateButton.addEventListener('click', () => {
      if (!editing) return;
      const target = editing;
      void withBusy(activateButton, async () => {
        try {
          await activatePrompt(target.id);
          await reload();
          toast.success(`“${target.name}” is now used for new descriptions.`);
          saveButton.focus();
        } catch (err) {
          toastError(err, 'Could not activate the prompt');
        }
      });
    });

    resetButton.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: 'Reset to the default prompt?',
        message: 'The built-in prompt becomes active again. Your saved prompts are kept and can be activated later.',
        confirmLabel: 'Reset',
      });
      if (!ok) return;
      await withBusy(resetButton, async () => {
        try {
          await resetPrompts();
          prompts = await getPrompts(signal);
          editing = prompts.find(isActivePrompt) ?? prompts[0] ?? null;
          showEditing();
          toast.success('The default prompt is active again.');
        } catch (err) {
          toastError(err, 'Could not reset the prompt');
        }
      });
    });

    showEditing();
  }
}

/**
 * "Test this prompt": runs the text in the editor on an uploaded image or a library photo and shows
 * what the model answers. Nothing is saved.
 * @param {import('../processing/processing-api.js').AiModel[]} models
 * @param {() => string} currentText
 * @param {AbortSignal} signal
 */
function promptTester(models, currentText, signal) {
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
