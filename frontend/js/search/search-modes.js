import { el, uid } from '../ui/dom.js';

// The mode switch: radio buttons (arrow keys move between them). Visual
// search is shown but disabled until an image (CLIP) model exists; the API
// refuses it today, and the hint says why.

/** @typedef {import('./search-state.js').SearchMode} SearchMode */

/** @type {{ mode: SearchMode, label: string, hint: string, disabled?: boolean }[]} */
const MODES = [
  { mode: 'hybrid', label: 'Best match', hint: 'Words and meaning together' },
  { mode: 'text', label: 'Words', hint: 'Titles, keywords and descriptions containing your words' },
  { mode: 'semantic', label: 'Meaning', hint: 'Descriptions that mean the same, in other words' },
  { mode: 'visual', label: 'Picture', hint: 'Needs an image (CLIP) model, which is not set up yet', disabled: true },
];

/**
 * @param {SearchMode} current
 * @param {(mode: SearchMode) => void} onChange
 * @returns {HTMLElement}
 */
export function createModeSwitch(current, onChange) {
  const name = uid('mode');
  return el('fieldset', { class: 'search-modes' },
    el('legend', { class: 'visually-hidden' }, 'Search by'),
    MODES.flatMap((m) => {
      const hintId = `${name}-${m.mode}-hint`;
      const input = el('input', {
        type: 'radio', name, value: m.mode, 'data-focus': `mode-${m.mode}`, checked: m.mode === current, disabled: m.disabled === true, 'aria-describedby': hintId,
      });
      input.addEventListener('change', () => {
        if (input.checked) onChange(m.mode);
      });
      // The hint stays outside the label, so the name is just the label.
      return [el('label', { class: ['search-mode', m.disabled && 'is-disabled'], title: m.hint },
        input, el('span', { class: 'search-mode__label' }, m.label)),
      el('span', { class: 'visually-hidden', id: hintId }, m.hint)];
    }),
    el('p', { class: 'search-modes__hint muted small' }, 'Picture search needs an image (CLIP) model, which is not set up yet.'));
}
