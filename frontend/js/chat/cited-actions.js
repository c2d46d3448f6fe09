import { el } from '../ui/dom.js';
import { collectActions } from '../core/plugins.js';

// Commands for an answer's cited photos as a whole ("Add all to a collection…"),
// offered by whichever features plug in, so chat depends on none of them.

/** @typedef {import('./chat-api.js').CitedPhoto} CitedPhoto */

/**
 * @param {CitedPhoto[]} cited
 * @returns {HTMLElement | null} null when no plugin offers anything
 */
export function citedActions(cited) {
  const photoIds = cited.flatMap((p) => (p.photoId == null ? [] : [p.photoId]));
  if (photoIds.length === 0) return null;
  const actions = collectActions('photoSetActions', { photoIds, label: 'cited photos' });
  if (actions.length === 0) return null;
  // Action labels may be worded for a selection; the cited set stands in for one.
  const selection = { photoIds, imageKeys: cited.map((p) => p.imageKey), unsyncedCount: 0, photos: cited };
  return el('div', { class: 'chat-msg__actions' }, ...actions.map((action) => {
    const button = el('button', {
      type: 'button',
      class: 'btn btn--ghost btn--small',
      'data-action': action.id,
      on: {
        click: async () => {
          button.disabled = true;
          try {
            await action.run();
          } finally {
            button.disabled = false;
          }
        },
      },
    }, typeof action.label === 'string' ? action.label : action.label(selection));
    if (action.enabled && !action.enabled(selection)) button.disabled = true;
    return button;
  }));
}
