import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { getPhotoAi } from './processing-api.js';
import { createPanelBody } from './ai-panel-body.js';
import { renderStatusBadge } from './ai-panel-views.js';

// The AI part of the photo modal: its state and data. What it shows lives in
// ai-panel-body.js (description, edit form, history) and ai-panel-actions.js.
// It follows the photo's status through `photo.status` events and reloads its
// data when a new description lands, so it never polls.

/** @typedef {import('./processing-api.js').AiVersion} AiVersion */
/** @typedef {import('./processing-api.js').PhotoAi} PhotoAi */

/**
 * The photo as the modal hands it over; the Library's shape is accepted loosely.
 * @typedef {Object} PanelPhoto
 * @property {number | string | null} [photoId]
 * @property {number | string} [id]
 * @property {string | null} [imageKey]
 * @property {string | null} [status]
 * @property {string | null} [statusError]
 */

/**
 * The panel's state, shared with its actions.
 * @typedef {Object} PanelState
 * @property {number | string} id
 * @property {PhotoAi} data
 * @property {string} status
 * @property {string | null} statusError
 * @property {'view' | 'edit' | 'version'} mode
 * @property {AiVersion | null} viewing
 */

/**
 * Mounts the AI panel for one photo.
 * @param {HTMLElement} container
 * @param {PanelPhoto} photo
 * @returns {() => void} cleanup
 */
export function mountAiPanel(container, photo) {
  const raw = photo.id ?? photo.photoId;
  const photoId = raw === null || raw === undefined || raw === '' || photo.status === 'not_synced' ? null : raw;
  const headingId = uid('ai-heading');
  const badge = el('span', { class: 'ai-badge', role: 'status' });
  const approvedBadge = el('span', { class: 'badge badge--approved', hidden: true }, '✓ Approved');
  const body = el('div', { class: 'ai-panel__body' });
  const actionRow = el('div', { class: 'button-row ai-panel__actions' });
  const history = el('div', { class: 'ai-panel__history', hidden: true, id: uid('ai-history') });
  const root = el('section', { class: 'ai-panel', 'aria-labelledby': headingId, dataset: { photoId: photoId ?? '' } },
    el('div', { class: 'ai-panel__head' }, el('h3', { class: 'ai-panel__title', id: headingId }, 'AI description'), badge, approvedBadge),
    body, actionRow, history);
  container.append(root);

  if (photoId === null) {
    renderStatusBadge(badge, 'not_synced', null);
    replaceChildren(body, el('p', { class: 'muted' }, 'Sync this album to describe its photos.'));
    return () => root.remove();
  }

  const lifetime = new AbortController();
  /** @type {PanelState} */
  const state = { id: photoId, data: { current: null, versions: [] }, status: photo.status ?? '', statusError: photo.statusError ?? null, mode: 'view', viewing: null };
  let loaded = false;
  /** A description that arrived while the user was editing; applied when the form closes. */
  let staleWhileEditing = false;
  let loadToken = 0;

  /** @param {string} next */
  const setStatus = (next) => {
    state.status = next ?? '';
    renderStatusBadge(badge, state.status, state.statusError);
  };
  const panel = createPanelBody({ body, actionRow, history, approvedBadge }, {
    state,
    load,
    setStatus,
    onEditClosed: (saved) => {
      const reload = saved || staleWhileEditing;
      staleWhileEditing = false;
      if (reload) void load();
      else panel.render();
    },
  });
  setStatus(state.status);
  replaceChildren(body, el('p', { class: 'muted' }, 'Loading the description…'));
  void load();

  const offStatus = events.subscribe('photo.status', (event) => {
    if (!event || (String(event.photoId) !== String(state.id) && !(photo.imageKey && event.imageKey === photo.imageKey))) return;
    state.statusError = event.error ?? null;
    setStatus(event.status);
    // A finished description, or one removed elsewhere, changes what we show.
    if (event.status === 'completed' || event.status === 'not_processed') void load();
    else if (state.mode === 'view') panel.render();
  });
  // After a reconnect the missed events are replayed, but an edit elsewhere sends none: read the truth once.
  const offReconnect = events.onReconnect(() => loaded && void load());

  async function load() {
    const token = ++loadToken;
    try {
      const next = await getPhotoAi(state.id, lifetime.signal);
      if (token !== loadToken || lifetime.signal.aborted) return;
      state.data = next;
      loaded = true;
      if (next.current && (!state.status || state.status === 'not_processed')) setStatus('completed');
      if (!next.current && state.status === 'completed') setStatus('not_processed');
      if (state.mode === 'edit') {
        staleWhileEditing = true;
        return;
      }
      if (state.mode === 'version' && !next.versions.some((v) => v.version === state.viewing?.version)) state.mode = 'view';
      panel.render();
    } catch (err) {
      if (lifetime.signal.aborted || token !== loadToken) return;
      replaceChildren(body,
        el('p', { class: 'text-fail' }, `The description could not be loaded: ${errorMessage(err)}`),
        el('button', { type: 'button', class: 'btn btn--small btn--secondary', on: { click: () => void load() } }, 'Try again'));
      replaceChildren(actionRow);
    }
  }

  return () => {
    lifetime.abort();
    panel.dispose();
    offStatus();
    offReconnect();
    root.remove();
  };
}
