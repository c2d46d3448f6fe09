import { el, icon, replaceChildren } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { getPlugins } from '../core/plugins.js';
import { getPhoto, photoUrls } from '../library/library-api.js';
import { photoName } from './photo-card.js';
import { photoActions, photoFacts, statusLine } from './photo-facts.js';
import { createPhotoViewer } from './photo-viewer.js';

// The photo modal: a large image (click → full-screen largest size), download
// of the original, the facts, and one section per plugin with a `photoPanel`
// (AI description, collections…). ←/→ walk through the list it was opened with.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

/** @param {PhotoSummary} p */
const isSynced = (p) => p.photoId !== null && p.photoId !== undefined && p.status !== 'not_synced';

/** @param {EventTarget | null} target */
function isTyping(target) {
  const node = /** @type {HTMLElement | null} */ (target);
  return Boolean(node?.tagName) && (node?.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(node?.tagName ?? ''));
}

/**
 * Opens the modal on photos[index].
 * @param {PhotoSummary[]} photos the list ←/→ move through
 * @param {number} index
 * @param {{ onIndexChange?: (index: number) => void }} [options] told when the user moves, e.g. to focus that card on close
 */
export function openPhotoModal(photos, index, options = {}) {
  let current = Math.max(0, Math.min(index, photos.length - 1));
  /** @type {(() => void)[]} */
  let panelCleanups = [];
  /** @type {AbortController | null} */
  let loading = null;

  const content = el('div', { class: 'photo-modal' });
  const handle = openModal({
    title: photoName(photos[current]),
    content,
    size: 'large',
    onClose: () => {
      unsubscribeStatus();
      loading?.abort();
      viewer.destroy();
      cleanPanels();
    },
  });
  handle.element.classList.add('modal--photo');
  const titleNode = handle.element.querySelector('.modal__title');
  const viewer = createPhotoViewer(handle.element, () => /** @type {HTMLElement | null} */ (content.querySelector('.photo-modal__image-button'))?.focus());

  // Describing runs in the background: keep the status line true while the dialog is open.
  const unsubscribeStatus = events.subscribe('photo.status', (data) => {
    const summary = photos[current];
    if (!data || !summary || (data.imageKey !== summary.imageKey && data.photoId !== summary.photoId)) return;
    content.querySelector('.photo-info__status')?.replaceChildren(...statusLine({ ...summary, status: data.status, statusError: data.error ?? null }));
  });

  function cleanPanels() {
    for (const cleanup of panelCleanups) {
      try {
        cleanup();
      } catch (err) {
        console.error('photo-modal: panel cleanup failed', err);
      }
    }
    panelCleanups = [];
  }

  /** @param {number} step */
  function move(step) {
    const next = current + step;
    if (next < 0 || next >= photos.length) return;
    current = next;
    options.onIndexChange?.(current);
    void show();
  }

  handle.element.addEventListener('keydown', (event) => {
    if (viewer.isOpen() || isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    move(event.key === 'ArrowLeft' ? -1 : 1);
  });
  content.addEventListener('click', (event) => {
    if (/** @type {HTMLElement} */ (event.target).closest('[data-close-modal]')) handle.close();
  });

  async function show() {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    cleanPanels();
    viewer.close();
    const summary = photos[current];
    if (titleNode) titleNode.textContent = photoName(summary);
    // Show what we already know at once; the details fill in.
    replaceChildren(content, layout(summary, null, isSynced(summary)));
    if (!isSynced(summary)) return;
    /** @type {PhotoDetail} */
    let detail;
    try {
      detail = await getPhoto(/** @type {number | string} */ (summary.photoId), controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return;
      replaceChildren(content, layout(summary, null, false), el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)));
      return;
    }
    if (controller.signal.aborted) return;
    if (titleNode) titleNode.textContent = photoName(detail);
    const focusedNav = /** @type {HTMLElement | null} */ (document.activeElement)?.dataset?.nav;
    replaceChildren(content, layout(summary, detail, false));
    if (focusedNav) /** @type {HTMLElement | null} */ (content.querySelector(`[data-nav="${focusedNav}"]`))?.focus();
    mountPanels(detail);
    preload(photos[current + 1]);
    preload(photos[current - 1]);
  }

  /** @param {PhotoDetail} detail */
  function mountPanels(detail) {
    for (const plugin of getPlugins()) {
      const section = content.querySelector(`section[data-slot="${plugin.name}"]`);
      if (!plugin.photoPanel || !(section instanceof HTMLElement)) continue;
      try {
        const cleanup = plugin.photoPanel.mount(section, detail);
        if (typeof cleanup === 'function') panelCleanups.push(cleanup);
      } catch (err) {
        console.error(`photo-modal: panel "${plugin.name}" failed`, err);
      }
    }
  }

  /** @param {PhotoSummary | undefined} p */
  function preload(p) {
    if (!p || !isSynced(p)) return;
    const img = new Image();
    img.decoding = 'async';
    img.src = photoUrls.display(/** @type {number | string} */ (p.photoId), p.width, p.height);
  }

  function navigation() {
    const button = (/** @type {'prev' | 'next'} */ which) => el('button', {
      type: 'button', class: `photo-modal__nav photo-modal__nav--${which} icon-btn`, 'data-nav': which,
      'aria-label': which === 'prev' ? 'Previous photo' : 'Next photo', title: which === 'prev' ? 'Previous (←)' : 'Next (→)',
      disabled: which === 'prev' ? current === 0 : current >= photos.length - 1,
      on: { click: () => move(which === 'prev' ? -1 : 1) },
    }, icon('chevron', which === 'prev' ? 'icon icon--flip' : 'icon'));
    const position = el('span', { class: 'photo-modal__position muted small' }, `${(current + 1).toLocaleString()} of ${photos.length.toLocaleString()}`);
    return el('div', { class: 'photo-modal__navbar' }, button('prev'), position, button('next'));
  }

  /**
   * @param {PhotoSummary} summary
   * @param {PhotoDetail | null} detail
   * @param {boolean} pending details are on their way
   */
  function layout(summary, detail, pending) {
    const name = photoName(detail ?? summary);
    const synced = isSynced(summary);
    const id = /** @type {number | string} */ (detail?.id ?? summary.photoId);
    const size = { width: detail?.width ?? summary.width, height: detail?.height ?? summary.height };
    const src = synced ? photoUrls.display(id, size.width, size.height) : summary.thumbnailUrl;
    /** @type {HTMLElement} */
    let figure = src
      ? el('img', { class: 'photo-modal__img', src, alt: name, decoding: 'async' })
      : el('div', { class: 'photo-modal__img photo-modal__img--none', role: 'img', 'aria-label': 'No preview' });
    if (src && synced) {
      figure = el('button', { type: 'button', class: 'photo-modal__image-button', 'aria-label': `${name} — view full screen`, title: 'Click for full screen' }, figure);
      figure.addEventListener('click', () => viewer.open(detail?.largestUrl || photoUrls.image(id, 'largest'), name));
    }
    const side = el('div', { class: 'photo-modal__side' },
      synced ? photoActions(id, detail, size) : el('p', { class: 'photo-modal__hint' }, 'This photo is not synced yet. Sync its album to describe, search and collect it.'),
      pending ? el('p', { class: 'muted small', role: 'status' }, 'Loading details…') : null,
      // One section per plugin panel, filled once the details are there; before the facts, so the description and
      // its edit form (with Save) stay within a laptop screen.
      getPlugins().filter((p) => p.photoPanel).map((p) => el('section', { class: 'photo-modal__slot', 'data-slot': p.name, 'aria-label': p.photoPanel?.label })),
      photoFacts(summary, detail),
    );
    return el('div', { class: 'photo-modal__grid' }, el('div', { class: 'photo-modal__stage' }, figure, navigation()), side);
  }

  void show();
  return handle;
}
