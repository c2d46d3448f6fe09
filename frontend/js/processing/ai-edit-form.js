import { el } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { field, withBusy } from '../ui/forms.js';
import { toast } from '../ui/toast.js';
import { count } from './format.js';
import { savePhotoAi } from './processing-api.js';
import { textareaField } from './pickers.js';
import { MAX_DESCRIPTION, MAX_KEYWORDS, MAX_KEYWORD_LENGTH, parseKeywords, placeFieldErrors } from './ai-edit-rules.js';

// The AI panel's edit form: description and keywords, checked in the browser
// against the server's limits before a round trip; Esc leaves the form (not
// the photo modal).

/** @typedef {import('./processing-api.js').AiVersion} AiVersion */

/**
 * Builds the form; `onClose(saved)` runs after Save succeeded or Cancel/Esc.
 * @param {import('./processing-api.js').PhotoId} photoId
 * @param {AiVersion} current
 * @param {(saved: boolean) => void} onClose
 * @returns {{ element: HTMLFormElement, focus: () => void, dispose: () => void }}
 */
export function createEditForm(photoId, current, onClose) {
  const description = textareaField({
    label: 'Description', name: 'description', value: current.description, rows: 5, maxlength: MAX_DESCRIPTION,
    hint: '2–5 sentences about subjects, action, setting and mood.',
  });
  const keywords = field({
    label: 'Keywords', name: 'keywords',
    hint: 'Separate with commas; they are saved in lower case.',
    attrs: { type: 'text', value: (current.keywords ?? []).join(', '), autocomplete: 'off', spellcheck: 'false' },
  });
  const formError = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
  const save = el('button', { type: 'submit', class: 'btn btn--primary btn--small' }, 'Save');
  const cancel = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Cancel');
  const form = el('form', { class: 'form ai-edit', novalidate: true, 'aria-label': 'Edit the AI description' },
    description.element, keywords.element, formError, el('div', { class: 'button-row ai-edit__actions' }, save, cancel));

  /**
   * Window capture runs before the modal's document-level Esc handler.
   * @param {KeyboardEvent} event
   */
  const onEscape = (event) => {
    if (event.key !== 'Escape' || !form.contains(/** @type {Node} */ (event.target))) return;
    event.preventDefault();
    event.stopPropagation();
    close(false);
  };
  window.addEventListener('keydown', onEscape, true);
  const dispose = () => window.removeEventListener('keydown', onEscape, true);
  /** @param {boolean} saved */
  const close = (saved) => {
    dispose();
    onClose(saved);
  };
  cancel.addEventListener('click', () => close(false));

  /** @returns {{ text: string, words: string[] } | null} */
  function validate() {
    description.setError(null);
    keywords.setError(null);
    formError.hidden = true;
    const text = description.textarea.value.trim();
    const words = parseKeywords(keywords.control.value);
    let invalid = false;
    if (!text) {
      description.setError('Write a description, or use Delete to remove it.');
      invalid = true;
    } else if (text.length > MAX_DESCRIPTION) {
      description.setError(`Keep it under ${count(MAX_DESCRIPTION)} characters.`);
      invalid = true;
    }
    const tooLong = words.find((w) => w.length > MAX_KEYWORD_LENGTH);
    if (tooLong) {
      keywords.setError(`“${tooLong.slice(0, 20)}…” is too long; keywords are short terms.`);
      invalid = true;
    } else if (words.length > MAX_KEYWORDS) {
      keywords.setError(`At most ${MAX_KEYWORDS} keywords.`);
      invalid = true;
    }
    if (!invalid) return { text, words };
    (description.element.querySelector('[aria-invalid]') ? description.textarea : keywords.control).focus();
    return null;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = validate();
    if (!input) return;
    void withBusy(save, async () => {
      try {
        await savePhotoAi(photoId, { description: input.text, keywords: input.words });
        toast.success('Description saved.');
        close(true);
      } catch (err) {
        if (!placeFieldErrors(err, description, keywords)) {
          formError.textContent = `Could not save: ${errorMessage(err)}`;
          formError.hidden = false;
        }
      }
    });
  });

  return { element: form, focus: () => description.textarea.focus(), dispose };
}
