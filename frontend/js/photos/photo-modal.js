import { el, replaceChildren } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { getPhoto, photoUrls } from '../library/photos-api.js';
import { photoName } from './photo-card.js';
import { statusLine } from './photo-facts.js';
import { isSynced, modalLayout, modalNavigation } from './photo-modal-layout.js';
import { createPhotoViewer } from './photo-viewer.js';
import { createPanelHost } from './modal-panels.js';

// The photo modal: a large image (click → full-screen largest size), download
// of the original, the facts, and one section per plugin with a `photoPanel`
// (AI description, collections…). ←/→ walk through the list it was opened with.

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

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
  /** @type {AbortController | null} */
  let loading = null;

  const content = el('div', { class: 'photo-modal' });
  const panels = createPanelHost(content);
  const handle = openModal({
    title: photoName(photos[current]),
    content,
    size: 'large',
    onClose: () => {
      unsubscribeStatus();
      loading?.abort();
      viewer.destroy();
      panels.clean();
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

  /**
   * @param {PhotoSummary} summary
   * @param {PhotoDetail | null} detail
   * @param {boolean} pending details are on their way
   */
  const layout = (summary, detail, pending) => modalLayout(summary, detail, {
    pending,
    nav: modalNavigation(current, photos.length, move),
    onViewFull: (src, alt) => viewer.open(src, alt),
  });

  async function show() {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    panels.clean();
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
    panels.mount(detail);
    preload(photos[current + 1]);
    preload(photos[current - 1]);
  }

  /** @param {PhotoSummary | undefined} p */
  function preload(p) {
    if (!p || !isSynced(p) || p.offline) return;
    const img = new Image();
    img.decoding = 'async';
    img.src = photoUrls.display(/** @type {number | string} */ (p.photoId), p.width, p.height);
  }

  void show();
  return handle;
}
