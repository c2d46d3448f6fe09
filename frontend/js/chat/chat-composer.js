import { el } from '../ui/dom.js';

// The question box of the chat: Enter asks, Shift+Enter breaks the line, and
// while an answer streams Ask is disabled and Stop is offered instead.

/**
 * @param {{ onAsk: (question: string) => void, onStop: () => void }} handlers
 */
export function createComposer({ onAsk, onStop }) {
  const input = el('textarea', { class: 'input chat__input', rows: '2', maxlength: '2000', placeholder: 'Ask about your photos…', 'aria-label': 'Your question' });
  const send = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Ask');
  const stop = el('button', { type: 'button', class: 'btn', hidden: true, on: { click: onStop } }, 'Stop');
  const element = el('form', { class: 'chat__composer' }, input, el('div', { class: 'chat__actions' }, stop, send));
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value;
    input.value = '';
    onAsk(question);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); element.requestSubmit(); }
  });
  return {
    element,
    focus: () => input.focus(),
    /** @param {boolean} busy */
    setBusy(busy) {
      send.disabled = busy;
      stop.hidden = !busy;
      if (!busy && document.activeElement === stop) input.focus();
    },
  };
}

/**
 * What the chat says when it cannot answer: no provider key, or chat unavailable. Both offer Search instead.
 * @param {HTMLElement} banner @param {string} message @param {string} searchUrl
 */
export function showUnavailable(banner, message, searchUrl) {
  // Without a question there is nothing to search for yet: a plain link to the page, not the main action.
  const search = searchUrl === '/search'
    ? el('a', { href: searchUrl, class: 'btn' }, 'Open Search')
    : el('a', { href: searchUrl, class: 'btn btn--primary' }, 'Search for it instead');
  banner.replaceChildren(el('p', null, message), el('p', null, search, ' ', el('a', { href: '/settings?tab=keys', class: 'btn' }, 'Add a key in Settings')));
  banner.hidden = false;
}
