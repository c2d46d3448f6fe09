import { el } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { askQuestion, getChatStatus, getConversation, getSuggestions } from './chat-api.js';
import { createConversationList } from './chat-list.js';
import { createAnswer, storedMessage, userMessage } from './chat-message.js';
import { createComposer, showUnavailable } from './chat-composer.js';

// Chat with the library: conversation list, the thread with the streamed
// answer, a composer with Stop while answering, and suggested first questions
// from the library itself. The open conversation is kept in ?c=<id>.

/** @type {import('../router.js').View} */
export function chatView(container, ctx) {
  let conversationId = ctx.query.get('c');
  /** @type {AbortController | null} */
  let answering = null;
  const thread = el('div', { class: 'chat__thread', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' });
  const banner = el('div', { class: 'chat__banner', hidden: true });
  const empty = el('div', { class: 'chat__empty' });
  const composer = createComposer({ onAsk: (question) => void ask(question), onStop: () => answering?.abort() });
  const list = createConversationList({
    onOpen: (id) => void open(id),
    onDeleted: (id) => { if (id === conversationId) newChat(); },
  });
  const newButton = el('button', { type: 'button', class: 'btn', on: { click: () => newChat() } }, 'New chat');
  const heading = el('h1', { class: 'visually-hidden' }, 'Chat');
  const main = el('section', { class: 'chat__main', 'aria-label': 'Chat' }, heading, el('p', { class: 'muted', role: 'status' }, 'Loading…'));
  container.replaceChildren(el('div', { class: 'chat' }, el('aside', { class: 'chat__sidebar' }, newButton, list.element), main));

  /** @param {string | null} id */
  function remember(id) {
    conversationId = id;
    const url = new URL(window.location.href);
    if (id) url.searchParams.set('c', id); else url.searchParams.delete('c');
    history.replaceState(history.state, '', url);
    list.setCurrent(id);
  }

  function newChat() {
    answering?.abort();
    remember(null);
    thread.replaceChildren();
    void showSuggestions();
    composer.focus();
  }

  /** @param {string} id */
  async function open(id) {
    answering?.abort();
    remember(id);
    empty.replaceChildren();
    try {
      const conversation = await getConversation(id);
      if (ctx.signal.aborted) return;
      thread.replaceChildren(...conversation.messages.map((m) => storedMessage(m, { onRetry: () => void ask(lastQuestion(conversation.messages)) })));
      thread.lastElementChild?.scrollIntoView({ block: 'end' });
    } catch (err) {
      thread.replaceChildren(el('p', { class: 'chat__problem', role: 'alert' }, errorMessage(err)));
    }
  }

  /** @param {import('./chat-api.js').ChatMessage[]} messages */
  const lastQuestion = (messages) => [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';

  async function showSuggestions() {
    if (conversationId) return;
    const { questions } = await getSuggestions().catch(() => ({ questions: [] }));
    if (conversationId || ctx.signal.aborted) return;
    empty.replaceChildren(
      el('h2', { class: 'chat__empty-title' }, 'Ask your library'),
      el('p', { class: 'muted' }, 'Ask in plain language; the answer cites the photos it found.'));
    if (questions.length === 0) return;
    empty.append(el('ul', { class: 'chat__suggestions', 'aria-label': 'Suggested questions' }, questions.map((q) =>
      el('li', null, el('button', { type: 'button', class: 'btn chat__suggestion', on: { click: () => void ask(q) } }, q)))));
  }

  /** @param {string} question */
  async function ask(question) {
    if (!question.trim() || answering) return;
    empty.replaceChildren();
    banner.hidden = true;
    const controller = new AbortController();
    answering = controller;
    composer.setBusy(true);
    thread.append(userMessage(question));
    const answer = createAnswer({ onRetry: () => void ask(question) });
    thread.append(answer.element);
    let ended = false;
    try {
      await askQuestion({ question, conversationId }, (name, data) => {
        if (name === 'conversation' && data.id !== conversationId) remember(data.id);
        else if (name === 'delta') answer.append(data.text);
        else if (name === 'retry') answer.retrying(data.message, data.text);
        else if (name === 'search') answer.search(data);
        else if (name === 'citations') answer.citations(data.photos, data.retrieved);
        else if (name === 'done') { ended = true; answer.done(data.usage, data.status); }
        else if (name === 'error') { ended = true; answer.error(data.message, data.retryable); }
      }, controller.signal);
      if (!ended) answer.error('The connection closed before the answer was complete.', true);
    } catch (err) {
      if (controller.signal.aborted) answer.done(null, 'stopped');
      else if (/** @type {any} */ (err).searchUrl) showNoKey(/** @type {any} */ (err), answer);
      else answer.error(errorMessage(err), true);
    } finally {
      if (answering === controller) answering = null;
      composer.setBusy(false);
      list.setCurrent(conversationId);
    }
  }

  /** @param {{ detail?: string, message: string, searchUrl: string }} err @param {ReturnType<typeof createAnswer>} answer */
  function showNoKey(err, answer) {
    answer.element.remove();
    thread.lastElementChild?.remove();
    showUnavailable(banner, err.detail || err.message, err.searchUrl);
  }

  const status = getChatStatus().then((value) => {
    if (value.available || ctx.signal.aborted) return;
    showUnavailable(banner, value.message ?? 'Chat is not available.', '/search');
  }).catch(() => {});
  let first;
  if (conversationId) first = open(conversationId);
  else {
    list.refresh();
    first = showSuggestions();
  }
  // The banner, the thread (or the suggestions) and the composer appear together: one by one, each would push the
  // next down while the page loads.
  void Promise.allSettled([status, first]).then(() => {
    if (!ctx.signal.aborted) main.replaceChildren(heading, banner, thread, empty, composer.element);
  });
  return () => answering?.abort();
}
