import { el, replaceChildren } from '../ui/dom.js';
import { createEditForm } from './ai-edit-form.js';
import { createPanelActions } from './ai-panel-actions.js';
import { emptyView, historyView, versionView } from './ai-panel-views.js';

// The AI panel's changing part: the description (current, an older version,
// or the edit form), the action buttons and the history list.

/** @typedef {import('./processing-api.js').AiVersion} AiVersion */

/**
 * @param {{ body: HTMLElement, actionRow: HTMLElement, history: HTMLElement, approvedBadge: HTMLElement }} parts
 * @param {{ state: import('./ai-panel.js').PanelState, load: () => Promise<void>, setStatus: (s: string) => void,
 *   onEditClosed: (saved: boolean) => void }} panel
 */
export function createPanelBody(parts, panel) {
  const { state } = panel;
  const { body, actionRow, history } = parts;
  /** @type {(() => void) | null} */
  let disposeForm = null;

  const view = {
    render,
    edit() {
      if (!state.data.current) return;
      state.mode = 'edit';
      state.viewing = null;
      const form = createEditForm(state.id, state.data.current, (saved) => {
        disposeForm = null;
        state.mode = 'view';
        panel.onEditClosed(saved);
        actions.focus('edit');
      });
      disposeForm = form.dispose;
      replaceChildren(body, form.element);
      replaceChildren(actionRow);
      form.focus();
    },
    /** @param {AiVersion | null} version null goes back to the current one */
    view(version) {
      state.viewing = version;
      state.mode = version ? 'version' : 'view';
      render();
      if (!version) actions.focus('edit');
    },
    toggleHistory() {
      history.hidden = !history.hidden;
      if (!history.hidden) renderHistory();
      return !history.hidden;
    },
    dispose: () => disposeForm?.(),
  };
  const actions = createPanelActions({ ...panel, render, edit: view.edit, toggleHistory: view.toggleHistory });

  function render() {
    const { current, versions } = state.data;
    parts.approvedBadge.hidden = !current?.approved;
    if (state.mode === 'version' && state.viewing) {
      const isCurrent = state.viewing.version === current?.version;
      const back = el('button', { type: 'button', class: 'btn btn--small btn--secondary', on: { click: () => view.view(null) } }, 'Back to current');
      replaceChildren(body, el('div', { class: 'ai-panel__version-note', role: 'status' },
        el('span', null, `Version ${state.viewing.version} of ${versions.length}${isCurrent ? ' (current)' : ' (older)'}`), back),
      versionView(state.viewing));
      back.focus();
    } else {
      replaceChildren(body, current ? versionView(current) : emptyView(state.status, state.statusError));
    }
    replaceChildren(actionRow, actions.buttons());
    if (!history.hidden) renderHistory();
  }

  function renderHistory() {
    replaceChildren(history, historyView(state.data.versions, state.data.current?.version, (v) => view.view(v)));
  }

  return view;
}
