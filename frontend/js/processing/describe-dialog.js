import { el, replaceChildren } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { errorMessage } from '../api.js';
import { getModels } from './processing-api.js';
import { getPrompts } from './prompts-api.js';
import { titleFor } from './describe-parts.js';
import { renderDescribeForm } from './describe-form.js';

// "Describe …" dialog: pick a model and a prompt, see what it will cost before
// anything is spent, then start a batch. Progress is not shown here — the global
// progress bar follows the batch through server-sent events once it exists.

/** @typedef {import('./processing-api.js').Scope} Scope */
/** @typedef {import('./processing-api.js').BatchView} BatchView */

/**
 * @typedef {Object} DescribeTarget
 * @property {Scope} scope
 * @property {import('./processing-api.js').PhotoId[]} [photoIds]
 * @property {string} [albumKey]
 * @property {string} [folderPath]
 * @property {string} [label] what is being described, for the title ("12 selected photos", "album “Summer”")
 */

/**
 * Opens the describe dialog.
 * @param {DescribeTarget} target
 * @returns {Promise<BatchView | null>} the created batch, or null if the dialog was closed without starting
 */
export function openDescribeDialog(target) {
  return new Promise((resolve) => {
    /** @type {BatchView | null} */
    let created = null;
    const lifetime = new AbortController();
    const body = el('div', { class: 'describe' }, el('p', { role: 'status' }, 'Loading models…'));
    const modal = openModal({
      title: titleFor(target),
      content: body,
      size: 'medium',
      onClose: () => {
        lifetime.abort();
        resolve(created);
      },
    });
    modal.element.classList.add('describe-dialog');

    Promise.all([getModels(lifetime.signal), getPrompts(lifetime.signal).catch(() => [])])
      .then(([models, prompts]) => {
        if (lifetime.signal.aborted) return;
        renderDescribeForm({
          body, target, models, prompts, signal: lifetime.signal,
          close: () => modal.close(),
          onCreated: (batch) => { created = batch; },
        });
      })
      .catch((err) => {
        if (lifetime.signal.aborted) return;
        replaceChildren(body,
          el('p', { class: 'alert alert--error', role: 'alert' }, `The AI models could not be loaded: ${errorMessage(err)}`),
          el('div', { class: 'button-row describe__actions' },
            el('button', { type: 'button', class: 'btn btn--ghost', on: { click: () => modal.close() } }, 'Close')),
        );
      });
  });
}
