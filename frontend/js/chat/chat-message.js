import { el } from '../ui/dom.js';
import { plural } from '../ui/format.js';
import { createPhotoGrid } from '../photos/photo-grid.js';
import { openPhotoModal } from '../photos/photo-modal.js';
import { renderAnswer } from './chat-markdown.js';
import { citedActions } from './cited-actions.js';

// One message of the thread. An answer is built while it streams: searches
// as they run, the text (re-rendered from the safe Markdown subset), then the
// cited photos as shared photo cards, then usage — or an error with Retry.

/** @typedef {import('./chat-api.js').ChatMessage} ChatMessage */
/** @typedef {import('./chat-api.js').CitedPhoto} CitedPhoto */

/** @param {string} text */
export function userMessage(text) {
  return el('article', { class: 'chat-msg chat-msg--user', 'aria-label': 'You asked' }, el('p', { class: 'chat-msg__text' }, text));
}

/**
 * @param {{ onRetry?: () => void }} [options]
 */
export function createAnswer(options = {}) {
  let text = '';
  /** @type {CitedPhoto[]} */
  let cited = [];
  const searches = el('ul', { class: 'chat-msg__searches small muted', 'aria-label': 'Searches' });
  const body = el('div', { class: 'chat-msg__text' });
  const status = el('div', { class: 'chat-msg__status', role: 'status' });
  const photos = el('section', { class: 'chat-msg__photos', hidden: true });
  const usage = el('p', { class: 'chat-msg__usage small muted' });
  const element = el('article', { class: 'chat-msg chat-msg--assistant', 'aria-label': 'Answer', 'aria-busy': 'true' },
    searches, body, status, photos, usage);
  let lastSearchUrl = /** @type {string | null} */ (null);

  // While streaming, markers are numbered by first mention: the server already dropped the invalid ones.
  const order = () => [...new Set([...text.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1])))];
  const numberOf = (/** @type {number} */ id) => {
    const index = order().indexOf(id);
    return index < 0 ? null : index + 1;
  };
  const open = (/** @type {number} */ id) => {
    const index = cited.findIndex((p) => p.photoId === id);
    if (index >= 0) openPhotoModal(cited, index);
  };
  const render = () => body.replaceChildren(renderAnswer(text, numberOf, open));

  return {
    element,
    /** @param {string} delta */
    append(delta) { text += delta; status.replaceChildren(); render(); },
    /** @param {string} message @param {string} textSoFar */
    retrying(message, textSoFar) {
      text = textSoFar;
      render();
      status.replaceChildren(el('p', { class: 'small muted' }, `${message} Retrying…`));
    },
    /** @param {import('./chat-api.js').ChatSearch} search */
    search(search) {
      if (search.searchUrl) lastSearchUrl = search.searchUrl;
      searches.append(el('li', null, search.error
        ? `Search “${search.query}” failed: ${search.error}`
        : `Searched “${search.query || 'all photos'}” — ${plural(search.total, 'photo')} found`));
    },
    /** @param {CitedPhoto[]} list @param {number} retrieved */
    citations(list, retrieved) {
      cited = list;
      render();
      if (list.length === 0 && !lastSearchUrl) return;
      const grid = createPhotoGrid({ label: 'Cited photos' });
      grid.setPhotos(list);
      photos.replaceChildren(el('h3', { class: 'chat-msg__photos-title' }, list.length > 0
        ? `${plural(list.length, 'cited photo')} (of ${retrieved} found)`
        : 'No photo cited'));
      if (list.length > 0) photos.append(grid.element);
      if (lastSearchUrl) photos.append(el('a', { href: lastSearchUrl, class: 'chat-msg__all' }, 'Show all in Search'));
      const actions = citedActions(list);
      if (actions) photos.append(actions);
      photos.hidden = false;
    },
    /** @param {import('./chat-api.js').ChatUsage | null} info @param {string} state */
    done(info, state) {
      element.setAttribute('aria-busy', 'false');
      if (state === 'stopped') status.replaceChildren(el('p', { class: 'small muted' }, 'Stopped.'));
      if (info?.model) {
        usage.textContent = `${info.model} · ${info.inputTokens.toLocaleString()} in / ${info.outputTokens.toLocaleString()} out · $${Number(info.costUsd).toFixed(4)}`;
      }
    },
    /** @param {string} message @param {boolean} retryable */
    error(message, retryable) {
      element.setAttribute('aria-busy', 'false');
      status.replaceChildren(el('div', { class: 'chat-msg__error', role: 'alert' },
        el('p', null, message),
        retryable && options.onRetry ? el('button', { type: 'button', class: 'btn', on: { click: options.onRetry } }, 'Retry') : null));
    },
  };
}

/**
 * A stored message, rendered as the live one ended.
 * @param {ChatMessage} message
 * @param {{ onRetry?: () => void }} [options]
 */
export function storedMessage(message, options = {}) {
  if (message.role === 'user') return userMessage(message.text);
  const answer = createAnswer(options);
  message.searches.forEach((s) => answer.search(s));
  answer.append(message.text);
  answer.citations(message.citations, message.retrieved);
  if (message.status === 'failed') answer.error(message.error ?? 'The answer failed.', true);
  else answer.done(message.usage, message.status);
  return answer.element;
}
