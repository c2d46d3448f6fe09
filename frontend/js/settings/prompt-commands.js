import { withBusy } from '../ui/forms.js';
import { confirmDialog } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { activatePrompt, createPrompt, resetPrompts, updatePrompt } from '../processing/prompts-api.js';

// The prompt editor's commands: Save (a new prompt, or a new version of the
// one being edited), Make active, and Reset to the default.

/** @typedef {import('../processing/prompts-api.js').Prompt} Prompt */

/**
 * @param {{ form: HTMLFormElement, saveButton: HTMLButtonElement, activateButton: HTMLButtonElement,
 *   resetButton: HTMLButtonElement, name: import('../ui/forms.js').Field,
 *   text: { textarea: HTMLTextAreaElement, setError: (message: string | null) => void } }} parts
 * @param {{ editing: () => Prompt | null, setEditing: (prompt: Prompt) => void, reload: () => Promise<void>,
 *   resetAll: () => Promise<void> }} state
 */
export function bindPromptCommands(parts, state) {
  const { form, saveButton, activateButton, resetButton, name, text } = parts;
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
    const current = state.editing();
    void withBusy(saveButton, async () => {
      try {
        const saved = current ? await updatePrompt(current.id, body) : await createPrompt(body);
        if (saved && typeof saved === 'object' && 'id' in saved) state.setEditing(saved);
        await state.reload();
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
    const target = state.editing();
    if (!target) return;
    void withBusy(activateButton, async () => {
      try {
        await activatePrompt(target.id);
        await state.reload();
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
        await state.resetAll();
        toast.success('The default prompt is active again.');
      } catch (err) {
        toastError(err, 'Could not reset the prompt');
      }
    });
  });
}
