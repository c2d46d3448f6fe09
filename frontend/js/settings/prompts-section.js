import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { field } from '../ui/forms.js';
import { confirmDialog } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { timeAgo } from '../ui/format.js';
import { getModels } from '../processing/processing-api.js';
import { getPromptTemplates, getPrompts } from '../processing/prompts-api.js';
import { bindPromptCommands } from './prompt-commands.js';
import { isActivePrompt, promptName, textareaField } from '../processing/pickers.js';
import { promptTester } from './prompt-tester.js';
import { createTemplatePicker } from './prompt-templates.js';

// Settings → Description prompt: pick a saved prompt or start from one of the
// four templates, edit and save it (each save is a new version, so older
// descriptions still name the text that made them), make it active, reset to
// the default, and try it on an image without saving anything.

/** @typedef {import('../processing/prompts-api.js').Prompt} Prompt */
/** @typedef {import('../processing/prompts-api.js').PromptTemplate} PromptTemplate */

const MAX_PROMPT = 8000;

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
    const templatePicker = createTemplatePicker(templates, (t) => useTemplate(t));
    const form = el('form', { class: 'form prompt-editor__form', novalidate: true },
      el('div', { class: 'prompt-editor__pick' },
        el('div', { class: 'field' }, el('label', { class: 'field__label', for: pickerId }, 'Saved prompts'), picker),
        activeNote),
      templatePicker.element,
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
        name.control.value = template.name;
        text.textarea.value = templatePicker.textOf(template);
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

    bindPromptCommands({ form, saveButton, activateButton, resetButton, name, text }, {
      editing: () => editing,
      setEditing: (next) => {
        editing = next;
      },
      reload,
      resetAll: async () => {
        prompts = await getPrompts(signal);
        editing = prompts.find(isActivePrompt) ?? prompts[0] ?? null;
        showEditing();
      },
    });

    showEditing();
  }
}
