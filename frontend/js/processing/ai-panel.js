import { el, replaceChildren, uid } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import * as events from '../events.js';
import { field, withBusy } from '../ui/forms.js';
import { confirmDialog, openModal } from '../ui/modal.js';
import { toast, toastError } from '../ui/toast.js';
import { dateTime, plural, timeAgo } from '../ui/format.js';
import {
  approvePhoto, deletePhotoAi, getModels, getPhotoAi, getPrompts, regeneratePhoto, savePhotoAi, unapprovePhoto,
} from './processing-api.js';
import { modelPicker, promptPicker, textareaField } from './pickers.js';
import { count, duration, statusInfo, usd } from './format.js';
import { openDescribeDialog } from './describe-dialog.js';
import { announceBatch } from './library-hooks.js';

// The AI part of the photo modal: description and keyword chips, and the review
// actions (edit, approve, regenerate, history, delete). It follows the photo's
// status through `photo.status` events and reloads its data when a new
// description lands, so it never polls.

/** @typedef {import('./processing-api.js').AiVersion} AiVersion */
/** @typedef {import('./processing-api.js').PhotoAi} PhotoAi */

/** Matches the server's column size, so the limit is met before a round trip. */
const MAX_DESCRIPTION = 8000;
const MAX_KEYWORDS = 50;
const MAX_KEYWORD_LENGTH = 60;

/**
 * The photo as the modal hands it over; the Library's shape is accepted loosely.
 * @typedef {Object} PanelPhoto
 * @property {number | string | null} [photoId]
 * @property {number | string} [id]
 * @property {string | null} [imageKey]
 * @property {string | null} [status]
 * @property {string | null} [statusError]
 * @property {string | null} [title]
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
  const statusBadge = el('span', { class: 'ai-badge', role: 'status' });
  const approvedBadge = el('span', { class: 'badge badge--approved', hidden: true }, '✓ Approved');
  const body = el('div', { class: 'ai-panel__body' });
  const actions = el('div', { class: 'button-row ai-panel__actions' });
  const history = el('div', { class: 'ai-panel__history', hidden: true, id: uid('ai-history') });
  const root = el('section', { class: 'ai-panel', 'aria-labelledby': headingId, dataset: { photoId: photoId ?? '' } },
    el('div', { class: 'ai-panel__head' },
      el('h3', { class: 'ai-panel__title', id: headingId }, 'AI description'),
      statusBadge, approvedBadge),
    body, actions, history);
  container.append(root);

  if (photoId === null) {
    setStatus('not_synced');
    replaceChildren(body, el('p', { class: 'muted' }, 'Sync this album to describe its photos.'));
    return () => root.remove();
  }
  const id = photoId;

  const lifetime = new AbortController();
  /** @type {PhotoAi} */
  let data = { current: null, versions: [] };
  let status = photo.status ?? '';
  let statusError = photo.statusError ?? null;
  /** @type {'view' | 'edit' | 'version'} */
  let mode = 'view';
  /** @type {AiVersion | null} */
  let viewing = null;
  let loaded = false;
  /** A description that arrived while the user was editing; applied when the form closes. */
  let staleWhileEditing = false;
  let loadToken = 0;
  /** Removes the edit form's key handler; replaced while the form is open. */
  let stopEditing = () => {};

  const editButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', dataset: { action: 'edit' } }, 'Edit');
  const approveButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', dataset: { action: 'approve' } }, 'Approve');
  const regenerateButton = el('button', { type: 'button', class: 'btn btn--secondary btn--small', dataset: { action: 'regenerate' } }, 'Regenerate…');
  const historyButton = el('button', { type: 'button', class: 'btn btn--ghost btn--small', 'aria-expanded': 'false', 'aria-controls': history.id, dataset: { action: 'history' } }, 'History');
  const deleteButton = el('button', { type: 'button', class: 'btn btn--ghost btn--small ai-panel__delete', dataset: { action: 'delete' } }, 'Delete');
  const describeButton = el('button', { type: 'button', class: 'btn btn--primary btn--small', dataset: { action: 'describe' } }, 'Describe…');

  setStatus(status);
  replaceChildren(body, el('p', { class: 'muted' }, 'Loading the description…'));
  void load();

  const offStatus = events.subscribe('photo.status', (event) => {
    if (!event || (String(event.photoId) !== String(id) && !(photo.imageKey && event.imageKey === photo.imageKey))) return;
    statusError = event.error ?? null;
    setStatus(event.status);
    // A finished description, or one removed elsewhere, changes what we show.
    if (event.status === 'completed' || event.status === 'not_processed') void load();
    else if (mode === 'view') render();
  });
  // After a reconnect, events may have been missed: read the truth once.
  const offState = events.onStateChange((state) => {
    if (state === 'open' && loaded) void load();
  });

  async function load() {
    const token = ++loadToken;
    try {
      const next = await getPhotoAi(id, lifetime.signal);
      if (token !== loadToken || lifetime.signal.aborted) return;
      data = next;
      loaded = true;
      if (data.current && (!status || status === 'not_processed')) setStatus('completed');
      if (!data.current && status === 'completed') setStatus('not_processed');
      if (mode === 'edit') {
        staleWhileEditing = true;
        return;
      }
      if (mode === 'version' && viewing && !data.versions.some((v) => v.version === viewing?.version)) mode = 'view';
      render();
    } catch (err) {
      if (lifetime.signal.aborted || token !== loadToken) return;
      replaceChildren(body,
        el('p', { class: 'text-fail' }, `The description could not be loaded: ${errorMessage(err)}`),
        el('button', { type: 'button', class: 'btn btn--small btn--secondary', on: { click: () => void load() } }, 'Try again'));
      replaceChildren(actions);
    }
  }

  /** @param {string | undefined} next */
  function setStatus(next) {
    status = next ?? '';
    const info = statusInfo(status);
    statusBadge.textContent = `${info.symbol} ${info.label}`;
    statusBadge.className = `ai-badge ai-badge--${status || 'unknown'}`;
    statusBadge.title = status === 'failed' && statusError ? statusError : '';
  }

  function render() {
    const current = data.current;
    approvedBadge.hidden = !current?.approved;
    if (mode === 'version' && viewing) {
      renderVersion(viewing);
    } else if (current) {
      replaceChildren(body, versionView(current));
    } else {
      replaceChildren(body, emptyView());
    }
    renderActions();
    if (!history.hidden) renderHistory();
  }

  function emptyView() {
    if (status === 'queued' || status === 'processing') {
      return el('p', { class: 'muted' }, status === 'queued' ? 'Waiting in the queue to be described…' : 'Being described right now…');
    }
    if (status === 'failed') {
      return el('div', { class: 'ai-panel__failed' },
        el('p', { class: 'text-fail' }, 'Describing this photo failed.'),
        statusError ? el('p', { class: 'small muted' }, statusError) : null);
    }
    return el('p', { class: 'muted' }, 'No description yet.');
  }

  /** @param {AiVersion} version */
  function renderVersion(version) {
    const back = el('button', { type: 'button', class: 'btn btn--small btn--secondary', on: { click: () => { mode = 'view'; viewing = null; render(); editButton.focus(); } } }, 'Back to current');
    const isCurrent = version.version === data.current?.version;
    replaceChildren(body,
      el('div', { class: 'ai-panel__version-note', role: 'status' },
        el('span', null, `Version ${version.version} of ${data.versions.length}${isCurrent ? ' (current)' : ' (older)'}`),
        back),
      versionView(version));
    back.focus();
  }

  function renderActions() {
    const busy = status === 'queued' || status === 'processing';
    if (!data.current) {
      describeButton.textContent = status === 'failed' ? 'Retry…' : 'Describe…';
      describeButton.disabled = busy;
      replaceChildren(actions, describeButton, data.versions.length ? historyButton : null);
    } else {
      approveButton.textContent = data.current.approved ? 'Unapprove' : 'Approve';
      approveButton.dataset.action = data.current.approved ? 'unapprove' : 'approve';
      regenerateButton.disabled = busy;
      replaceChildren(actions, editButton, approveButton, regenerateButton, historyButton, deleteButton);
    }
    historyButton.textContent = data.versions.length ? `History (${data.versions.length})` : 'History';
    historyButton.hidden = data.versions.length === 0;
  }

  function renderHistory() {
    const versions = [...data.versions].sort((a, b) => b.version - a.version);
    replaceChildren(history,
      el('h4', { class: 'ai-panel__subtitle' }, 'Versions'),
      el('ol', { class: 'ai-history', reversed: true },
        versions.map((v) => {
          const isCurrent = v.version === data.current?.version;
          const tags = [
            isCurrent ? 'current' : null,
            v.approved ? 'approved' : null,
            v.editedByUser ? 'edited by you' : v.model ?? null,
          ].filter(Boolean).join(' · ');
          return el('li', { class: 'ai-history__item' },
            el('span', { class: 'ai-history__label' },
              el('strong', null, `v${v.version}`), ' ',
              el('span', { class: 'muted small', title: dateTime(v.createdAt) }, `${timeAgo(v.createdAt)}${tags ? ` · ${tags}` : ''}`)),
            el('button', {
              type: 'button',
              class: 'btn btn--ghost btn--small',
              'aria-label': `View version ${v.version}`,
              on: { click: () => { viewing = v; mode = 'version'; render(); } },
            }, 'View'));
        })));
  }

  editButton.addEventListener('click', () => {
    if (!data.current) return;
    mode = 'edit';
    viewing = null;
    renderEditForm(data.current);
  });

  /** @param {AiVersion} current */
  function renderEditForm(current) {
    const description = textareaField({
      label: 'Description', name: 'description', value: current.description, rows: 5, maxlength: MAX_DESCRIPTION,
      hint: '2–5 sentences about subjects, action, setting and mood.',
    });
    const keywords = field({
      label: 'Keywords', name: 'keywords',
      hint: 'Separate with commas; they are saved in lower case.',
      attrs: { type: 'text', value: (current.keywords ?? []).join(', '), autocomplete: 'off', spellcheck: 'false' },
    });
    const formError = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
    const save = el('button', { type: 'submit', class: 'btn btn--primary btn--small' }, 'Save');
    const cancel = el('button', { type: 'button', class: 'btn btn--ghost btn--small' }, 'Cancel');
    const form = el('form', { class: 'form ai-edit', novalidate: true, 'aria-label': 'Edit the AI description' },
      description.element, keywords.element, formError, el('div', { class: 'button-row' }, save, cancel));
    replaceChildren(body, form);
    replaceChildren(actions);
    description.textarea.focus();

    /**
     * Esc inside the form leaves the form, not the photo modal: window capture runs before the modal's
     * document-level Esc handler.
     * @param {KeyboardEvent} event
     */
    const onEscape = (event) => {
      if (event.key !== 'Escape' || !form.contains(/** @type {Node} */ (event.target))) return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onEscape, true);
    stopEditing = () => window.removeEventListener('keydown', onEscape, true);

    const close = () => {
      stopEditing();
      stopEditing = () => {};
      mode = 'view';
      const reload = staleWhileEditing;
      staleWhileEditing = false;
      if (reload) void load();
      else render();
      editButton.focus();
    };
    cancel.addEventListener('click', close);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      description.setError(null);
      keywords.setError(null);
      formError.hidden = true;
      const text = description.textarea.value.trim();
      const words = parseKeywords(keywords.control.value);
      let invalid = false;
      if (!text) {
        description.setError('Write a description, or use Delete to remove it.');
        invalid = true;
      } else if (text.length > MAX_DESCRIPTION) {
        description.setError(`Keep it under ${count(MAX_DESCRIPTION)} characters.`);
        invalid = true;
      }
      const tooLong = words.find((w) => w.length > MAX_KEYWORD_LENGTH);
      if (tooLong) {
        keywords.setError(`“${tooLong.slice(0, 20)}…” is too long; keywords are short terms.`);
        invalid = true;
      } else if (words.length > MAX_KEYWORDS) {
        keywords.setError(`At most ${MAX_KEYWORDS} keywords.`);
        invalid = true;
      }
      if (invalid) {
        (description.element.querySelector('[aria-invalid]') ? description.textarea : keywords.control).focus();
        return;
      }
      void withBusy(save, async () => {
        try {
          await savePhotoAi(id, { description: text, keywords: words });
          toast.success('Description saved.');
          staleWhileEditing = true;
          close();
        } catch (err) {
          if (!placeFieldErrors(err, description, keywords)) {
            formError.textContent = `Could not save: ${errorMessage(err)}`;
            formError.hidden = false;
          }
        }
      });
    });
  }

  approveButton.addEventListener('click', () => {
    const approved = Boolean(data.current?.approved);
    void withBusy(approveButton, async () => {
      try {
        if (approved) await unapprovePhoto(id);
        else await approvePhoto(id);
        toast.success(approved ? 'Approval withdrawn.' : 'Description approved.');
        await load();
        approveButton.focus();
      } catch (err) {
        toastError(err, approved ? 'Could not unapprove' : 'Could not approve');
      }
    });
  });

  regenerateButton.addEventListener('click', () => {
    void openRegenerateDialog(id, data.current?.version ?? 0).then((batch) => {
      if (!batch) return;
      statusError = null;
      setStatus('queued');
      render();
    });
  });

  historyButton.addEventListener('click', () => {
    const open = history.hidden;
    history.hidden = !open;
    historyButton.setAttribute('aria-expanded', String(open));
    if (open) renderHistory();
  });

  deleteButton.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Delete the AI description?',
      message: `The description, its keywords and all ${plural(data.versions.length || 1, 'version')} are removed, and the photo goes back to “not described”.`,
      confirmLabel: 'Delete description',
      danger: true,
    });
    if (!ok) return;
    try {
      await deletePhotoAi(id);
      toast.success('AI description deleted.');
      setStatus('not_processed');
      mode = 'view';
      viewing = null;
      await load();
      describeButton.focus();
    } catch (err) {
      toastError(err, 'Could not delete the description');
    }
  });

  describeButton.addEventListener('click', async () => {
    const batch = await openDescribeDialog({ scope: 'photos', photoIds: [id], label: 'this photo' });
    if (batch) {
      statusError = null;
      setStatus('queued');
      render();
    }
  });

  return () => {
    lifetime.abort();
    stopEditing();
    offStatus();
    offState();
    root.remove();
  };
}

/**
 * One version: text, chips, extracted facts and the small print.
 * @param {AiVersion} v
 */
function versionView(v) {
  const facts = [
    v.peopleCount != null ? (v.peopleCount === 0 ? 'No people' : plural(v.peopleCount, 'person', 'people')) : null,
    v.setting ? `Setting: ${v.setting}` : null,
  ].filter(Boolean).join(' · ');
  const tokens = v.inputTokens || v.outputTokens ? `${count(v.inputTokens)} in / ${count(v.outputTokens)} out tokens` : null;
  const meta = [
    v.editedByUser ? 'Edited by you' : v.model,
    v.promptVersion != null && !v.editedByUser ? `prompt v${v.promptVersion}` : null,
    tokens,
    v.costUsd ? usd(v.costUsd) : null,
    v.latencyMs ? duration(v.latencyMs) : null,
  ].filter(Boolean).join(' · ');
  return el('div', { class: 'ai-version' },
    el('p', { class: 'ai-version__description' }, v.description),
    v.keywords?.length
      ? el('ul', { class: 'chips', 'aria-label': 'Keywords' }, v.keywords.map((k) => el('li', { class: 'chip' }, k)))
      : el('p', { class: 'muted small' }, 'No keywords.'),
    facts ? el('p', { class: 'ai-version__facts small' }, facts) : null,
    el('p', { class: 'ai-version__meta small muted' },
      meta,
      v.createdAt ? el('time', { datetime: v.createdAt, title: dateTime(v.createdAt) }, `${meta ? ' · ' : ''}${timeAgo(v.createdAt)}`) : null,
      v.approved && v.approvedAt ? el('span', { title: dateTime(v.approvedAt) }, ` · approved ${timeAgo(v.approvedAt)}`) : null),
  );
}

/**
 * Comma- or newline-separated keywords, trimmed, lower-cased, without duplicates.
 * @param {string} raw
 */
function parseKeywords(raw) {
  const seen = new Set();
  /** @type {string[]} */
  const out = [];
  for (const part of raw.split(/[,\n]/)) {
    const word = part.trim().replace(/\s+/g, ' ').toLowerCase();
    if (word && !seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

/**
 * Spreads a validation problem over the two fields. The server may key keyword errors per item
 * ("keywords[3]"), which the shared helper does not match, so they are collected here.
 * @param {unknown} err
 * @param {{ setError: (m: string | null) => void, textarea: HTMLTextAreaElement }} description
 * @param {import('../ui/forms.js').Field} keywords
 */
function placeFieldErrors(err, description, keywords) {
  if (!(err instanceof ApiError) || !err.errors) return false;
  /** @type {string[]} */
  const forDescription = [];
  /** @type {string[]} */
  const forKeywords = [];
  for (const [key, messages] of Object.entries(err.errors)) {
    const k = key.replace(/^\$\.?/, '').toLowerCase();
    if (k.startsWith('description')) forDescription.push(...messages);
    else if (k.startsWith('keywords')) forKeywords.push(...messages);
  }
  if (forDescription.length) description.setError(forDescription.join(' '));
  if (forKeywords.length) keywords.setError(forKeywords.join(' '));
  if (forDescription.length) description.textarea.focus();
  else if (forKeywords.length) keywords.control.focus();
  return forDescription.length + forKeywords.length > 0;
}

/**
 * Regenerate with a chosen model and prompt; the current text stays in History.
 * @param {import('./processing-api.js').PhotoId} photoId
 * @param {number} currentVersion
 * @returns {Promise<import('./processing-api.js').BatchView | null>}
 */
function openRegenerateDialog(photoId, currentVersion) {
  return new Promise((resolve) => {
    /** @type {import('./processing-api.js').BatchView | null} */
    let created = null;
    const lifetime = new AbortController();
    const content = el('div', null, el('p', { role: 'status' }, 'Loading models…'));
    const modal = openModal({
      title: 'Regenerate the description',
      content,
      size: 'small',
      onClose: () => {
        lifetime.abort();
        resolve(created);
      },
    });
    Promise.all([getModels(lifetime.signal), getPrompts(lifetime.signal).catch(() => [])]).then(([models, prompts]) => {
      if (lifetime.signal.aborted) return;
      const model = modelPicker(models);
      const prompt = promptPicker(prompts);
      const formError = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
      const start = el('button', { type: 'submit', class: 'btn btn--primary', disabled: !model.usable() }, 'Regenerate');
      const form = el('form', { class: 'form', novalidate: true },
        model.element, prompt.element,
        el('p', { class: 'small' }, currentVersion
          ? `A new version is added; version ${currentVersion} stays available in History. This costs one description.`
          : 'This costs one description.'),
        formError,
        el('div', { class: 'button-row describe__actions' },
          el('button', { type: 'button', class: 'btn btn--ghost', on: { click: () => modal.close() } }, 'Cancel'), start));
      replaceChildren(content, form);
      model.control.focus();
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const chosen = model.selected();
        if (!chosen) {
          model.setError('Choose a model with an API key.');
          return;
        }
        formError.hidden = true;
        void withBusy(start, async () => {
          try {
            const batch = await regeneratePhoto(photoId, { model: chosen.id, promptId: prompt.value() });
            created = batch ?? /** @type {any} */ ({});
            void announceBatch(batch);
            toast.success(`Regenerating with ${chosen.label || chosen.id}.`);
            modal.close();
          } catch (err) {
            formError.textContent = `Could not regenerate: ${errorMessage(err)}`;
            formError.hidden = false;
          }
        });
      });
    }).catch((err) => {
      if (lifetime.signal.aborted) return;
      replaceChildren(content, el('p', { class: 'alert alert--error', role: 'alert' }, `The AI models could not be loaded: ${errorMessage(err)}`));
    });
  });
}
