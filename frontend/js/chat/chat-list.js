import { el } from '../ui/dom.js';
import { timeAgo } from '../ui/format.js';
import { confirmDialog } from '../ui/modal.js';
import { toastError } from '../ui/toast.js';
import { deleteConversation, listConversations, renameConversation } from './chat-api.js';

// The conversation list: open, rename in place (Enter saves, Esc cancels),
// delete after a confirm. On a phone it folds behind a "Conversations" button.

/**
 * @param {{ onOpen: (id: string) => void, onDeleted: (id: string) => void }} options
 */
export function createConversationList(options) {
  const list = el('ul', { class: 'chat-list__items', 'aria-label': 'Conversations' });
  const toggle = el('button', { type: 'button', class: 'btn chat-list__toggle', 'aria-expanded': 'false', 'aria-controls': 'chat-list-items' }, 'Conversations');
  list.id = 'chat-list-items';
  const element = el('nav', { class: 'chat-list', 'aria-label': 'Conversations' }, toggle, list);
  let current = /** @type {string | null} */ (null);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    element.classList.toggle('is-open', open);
  });

  /** @param {import('./chat-api.js').ConversationSummary} item */
  function row(item) {
    const title = el('button', {
      type: 'button', class: 'chat-list__open', 'aria-current': item.id === current ? 'true' : undefined,
      on: { click: () => { element.classList.remove('is-open'); toggle.setAttribute('aria-expanded', 'false'); options.onOpen(item.id); } },
    }, el('span', { class: 'chat-list__title' }, item.title), el('span', { class: 'small muted' }, timeAgo(item.updatedAt)));
    const li = el('li', { class: 'chat-list__item' }, title,
      el('button', { type: 'button', class: 'btn btn--ghost btn--small', 'aria-label': `Rename “${item.title}”`, on: { click: () => rename(li, item) } }, 'Rename'),
      el('button', { type: 'button', class: 'btn btn--ghost btn--small', 'aria-label': `Delete “${item.title}”`, on: { click: () => remove(item) } }, 'Delete'));
    return li;
  }

  /** @param {HTMLElement} li @param {import('./chat-api.js').ConversationSummary} item */
  function rename(li, item) {
    const input = el('input', { class: 'input', value: item.title, maxlength: '200', 'aria-label': 'New title' });
    const save = async () => {
      const title = input.value.trim();
      if (title && title !== item.title) {
        try { await renameConversation(item.id, title); } catch (err) { toastError(err, 'Renaming failed'); }
      }
      await refresh();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); void save(); }
      if (event.key === 'Escape') { event.preventDefault(); void refresh(); }
    });
    li.replaceChildren(input);
    input.focus();
    input.select();
  }

  /** @param {import('./chat-api.js').ConversationSummary} item */
  async function remove(item) {
    const ok = await confirmDialog({ title: 'Delete conversation?', message: `“${item.title}” and its answers will be deleted.`, confirmLabel: 'Delete', danger: true });
    if (!ok) return;
    try {
      await deleteConversation(item.id);
      options.onDeleted(item.id);
    } catch (err) {
      toastError(err, 'Deleting failed');
    }
    await refresh();
  }

  async function refresh() {
    try {
      const page = await listConversations();
      list.replaceChildren(...(page.items.length > 0 ? page.items.map(row) : [el('li', { class: 'small muted chat-list__empty' }, 'No conversations yet.')]));
    } catch {
      list.replaceChildren(el('li', { class: 'small muted' }, 'Conversations could not be loaded.'));
    }
  }

  return {
    element,
    refresh,
    /** @param {string | null} id */
    setCurrent(id) { current = id; void refresh(); },
  };
}
