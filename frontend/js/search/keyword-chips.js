import { el, icon, uid } from '../ui/dom.js';

// Keyword filter as chips: type a keyword and press Enter (or a comma) to add
// it, a chip's × (or Backspace in the empty field) removes it. "Any"/"all"
// says whether a photo needs one of them or every one.

/**
 * @param {Object} options
 * @param {string[]} options.keywords
 * @param {'any' | 'all'} options.mode
 * @param {(keywords: string[], mode: 'any' | 'all') => void} options.onChange
 * @returns {HTMLElement}
 */
export function createKeywordChips(options) {
  let keywords = options.keywords.slice();
  let mode = options.mode;
  const id = uid('keywords');
  const list = el('ul', { class: 'chips', 'aria-label': 'Keyword filters' });
  const input = el('input', { id, name: 'keyword', type: 'text', class: 'chips__input', maxlength: '200', autocomplete: 'off', enterkeyhint: 'done', 'aria-describedby': `${id}-hint` });
  const modeSelect = el('select', { name: 'keywordMode', class: 'chips__mode', 'aria-label': 'Photos need' },
    el('option', { value: 'any' }, 'any keyword'), el('option', { value: 'all' }, 'every keyword'));
  modeSelect.value = mode;

  /** @param {string[]} next @param {HTMLElement | null} [focusAfter] */
  function change(next, focusAfter) {
    keywords = next;
    render();
    // Focus first: the host may rebuild the panel and puts focus back where it finds it.
    focusAfter?.focus();
    options.onChange(keywords, mode);
  }

  function render() {
    list.replaceChildren(...keywords.map((keyword) => {
      const remove = el('button', { type: 'button', class: 'chip__remove', 'aria-label': `Remove keyword ${keyword}` }, icon('close'));
      remove.addEventListener('click', () => change(keywords.filter((k) => k !== keyword), input));
      return el('li', { class: 'chip' }, el('span', { class: 'chip__text' }, keyword), remove);
    }));
    list.hidden = keywords.length === 0;
    modeSelect.hidden = keywords.length < 2;
  }

  function add() {
    const words = input.value.split(',').map((w) => w.trim()).filter((w) => w && !keywords.includes(w));
    input.value = '';
    if (words.length) change(keywords.concat(words), input);
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && input.value === '' && keywords.length) {
      change(keywords.slice(0, -1), input);
    }
  });
  input.addEventListener('blur', () => {
    if (input.value.trim()) add();
  });
  modeSelect.addEventListener('change', () => {
    mode = modeSelect.value === 'all' ? 'all' : 'any';
    options.onChange(keywords, mode);
  });

  render();
  return el('div', { class: 'field chips-field' },
    el('label', { class: 'field__label', for: id }, 'Keywords'),
    list, el('div', { class: 'chips__row' }, input, modeSelect),
    el('p', { class: 'field__hint', id: `${id}-hint` }, 'Press Enter to add a keyword.'));
}
