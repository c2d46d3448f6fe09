import { field } from '../ui/forms.js';
import { el, uid } from '../ui/dom.js';
import { priceLabel } from './format.js';

// Form pieces shared by the describe dialog, regenerate, and the prompt tester:
// a model picker that shows price and speed and refuses models without a key,
// a prompt picker, and a textarea field with the same error slot as ui/forms.js.

/** @typedef {import('./processing-api.js').AiModel} AiModel */
/** @typedef {import('./prompts-api.js').Prompt} Prompt */

/**
 * @typedef {Object} ModelPicker
 * @property {HTMLElement} element
 * @property {HTMLSelectElement} control
 * @property {() => AiModel | undefined} selected
 * @property {() => boolean} usable true when at least one model has a key
 * @property {(message: string | null) => void} setError
 */

/**
 * A labelled model select. Models whose provider has no key are listed but disabled, so the
 * user sees what exists and why it cannot be picked.
 * @param {AiModel[]} models
 * @param {{ label?: string, name?: string, preferred?: string }} [options]
 * @returns {ModelPicker}
 */
export function modelPicker(models, options = {}) {
  const id = uid('model');
  const control = el('select', { id, name: options.name ?? 'model' });
  for (const model of models) {
    const speed = model.speed ? ` · ${model.speed}` : '';
    const suffix = model.keyConfigured ? '' : ' — no API key';
    control.append(el('option', { value: model.id, disabled: !model.keyConfigured }, `${model.label || model.id}${speed}${suffix}`));
  }
  const pick = models.find((m) => m.id === options.preferred && m.keyConfigured)
    ?? models.find((m) => m.default && m.keyConfigured)
    ?? models.find((m) => m.keyConfigured);
  if (pick) control.value = pick.id;

  const price = el('p', { class: 'field__hint', id: `${id}-price` });
  const missing = models.filter((m) => !m.keyConfigured);
  const keyHint = missing.length
    ? el('p', { class: 'field__hint', id: `${id}-keys` },
      pick ? 'Models marked “no API key” need a key for their provider — ' : 'No AI provider has an API key yet — ',
      el('a', { href: '/settings' }, 'add one in Settings'), '.')
    : null;
  const error = el('p', { class: 'field__error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [price.id, keyHint ? `${id}-keys` : '', error.id].filter(Boolean).join(' '));

  const selected = () => models.find((m) => m.id === control.value && m.keyConfigured);
  const showPrice = () => {
    const m = selected();
    price.textContent = m ? `${priceLabel(m)}${m.provider ? ` · ${m.provider === 'openai' ? 'OpenAI' : 'Anthropic'}` : ''}` : '';
  };
  control.addEventListener('change', showPrice);
  showPrice();

  /** @param {string | null} message */
  function setError(message) {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  const element = el('div', { class: 'field' },
    el('label', { class: 'field__label', for: id }, options.label ?? 'Model'),
    control, price, keyHint, error);
  return { element, control, selected, usable: () => Boolean(pick), setError };
}

/**
 * @param {Prompt} prompt
 */
export function isActivePrompt(prompt) {
  return Boolean(prompt.active ?? prompt.isActive);
}

/**
 * A prompt select whose first option ("the active prompt") sends no promptId, leaving the choice to the server.
 * @param {Prompt[]} prompts
 * @returns {{ element: HTMLElement, control: HTMLSelectElement, value: () => number | undefined, setError: (message: string | null) => void }}
 */
export function promptPicker(prompts) {
  const active = prompts.find(isActivePrompt);
  const select = el('select', {},
    el('option', { value: '' }, active ? `Active prompt (${promptName(active)})` : 'Active prompt'),
    prompts.map((p) => el('option', { value: String(p.id) }, promptName(p))),
  );
  const { element, setError } = field({ label: 'Prompt', name: 'promptId', control: select, hint: 'Edit prompts in Settings.' });
  // A select reports its changes through "change", not "input".
  select.addEventListener('change', () => setError(null));
  // Prompt ids are integers on the server.
  return { element, control: select, value: () => (select.value ? Number(select.value) : undefined), setError };
}

/** @param {Prompt} prompt */
export function promptName(prompt) {
  const version = prompt.version ?? prompt.currentVersion;
  return version ? `${prompt.name} (v${version})` : prompt.name;
}

/**
 * A labelled textarea: the shared ui/forms.js field around a textarea, so applyFieldErrors can target it.
 * @param {{ label: string, name: string, value?: string, hint?: string, rows?: number, maxlength?: number }} options
 */
export function textareaField(options) {
  const textarea = el('textarea', { rows: options.rows ?? 4, maxlength: options.maxlength, spellcheck: 'true' });
  textarea.value = options.value ?? '';
  const { element, control, setError } = field({ label: options.label, name: options.name, hint: options.hint, control: textarea });
  return { element, control, textarea, setError };
}
