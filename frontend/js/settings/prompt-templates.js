import { el, uid } from '../ui/dom.js';

// The prompt editor's templates: one button per template and the optional
// instructions the templates share (count people, note smiles, say when
// nobody is there); the ticked ones are appended to the template loaded.

/** @typedef {import('../processing/prompts-api.js').PromptTemplate} PromptTemplate */

/**
 * @param {PromptTemplate[]} templates
 * @param {(template: PromptTemplate) => void} onUse
 * @returns {{ element: HTMLElement | null, textOf: (template: PromptTemplate) => string }}
 */
export function createTemplatePicker(templates, onUse) {
  const buttons = templates.map((t) => el('button', {
    type: 'button', class: 'btn btn--secondary btn--small', title: t.summary ?? '', dataset: { template: t.id },
    on: { click: () => onUse(t) },
  }, t.name));
  /** @type {Map<string, import('../processing/prompts-api.js').PromptOption>} */
  const optionById = new Map();
  for (const t of templates) for (const o of t.options ?? []) if (!optionById.has(o.id)) optionById.set(o.id, o);
  const boxes = [...optionById.values()].map((option) => ({
    option,
    input: el('input', { type: 'checkbox', value: option.id, id: uid(`opt-${option.id}`) }),
  }));
  const element = templates.length
    ? el('div', { class: 'prompt-editor__templates', role: 'group', 'aria-label': 'Start from a template' },
      el('span', { class: 'field__label' }, 'Start from a template'),
      el('div', { class: 'button-row' }, buttons),
      boxes.length
        ? el('fieldset', { class: 'prompt-editor__options' },
          el('legend', { class: 'field__hint' }, 'Also ask the template to:'),
          boxes.map(({ option, input }) => el('label', { class: 'radio', for: input.id, title: option.text }, input, ` ${option.label}`)))
        : null)
    : null;
  return {
    element,
    textOf(template) {
      const offered = new Set((template.options ?? []).map((o) => o.id));
      const extras = boxes.filter(({ option, input }) => input.checked && offered.has(option.id)).map(({ option }) => option.text);
      return [template.text, ...extras].join(' ');
    },
  };
}
