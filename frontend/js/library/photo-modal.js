import { el, icon, replaceChildren } from '../ui/dom.js';
import { openModal } from '../ui/modal.js';
import { dateTime } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { path } from '../router.js';
import * as events from '../events.js';
import { getPhoto, photoUrls } from './library-api.js';
import { photoName, statusBadge } from './photo-card.js';

// The photo modal: a large image (click → full-screen largest size), download
// of the original, where the photo lives and when it was taken, and two
// sections other features fill through registerPhotoModalSlot(): "ai"
// (description, keywords, similar photos) and "collections" (pills).
// ←/→ walk through the list the modal was opened with.

/** @typedef {import('./library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('./library-api.js').PhotoDetail} PhotoDetail */

/**
 * Renders a feature's part of the modal for one photo; may return a cleanup that runs when the modal moves to
 * another photo or closes. Only called for synced photos (they have an id and a detail record).
 * @typedef {(container: HTMLElement, photo: PhotoDetail) => void | (() => void)} SlotMount
 */

/** Known slot names, in display order. */
const SLOT_ORDER = ['ai', 'collections'];
/** @type {Map<string, SlotMount>} */
const slots = new Map();

/**
 * Lets a feature render into the modal's `<section data-slot="name">` ("ai" or "collections").
 * @param {string} name
 * @param {SlotMount} mount
 * @returns {() => void} unregister
 */
export function registerPhotoModalSlot(name, mount) {
  slots.set(name, mount);
  return () => {
    if (slots.get(name) === mount) slots.delete(name);
  };
}

/** Photo modal sizes the backend resizes to: X3 is ≈1600 px, plenty for a dialog. */
const MODAL_SIZE = 'X3';

/**
 * @param {number | null | undefined} bytes
 */
function fileSize(bytes) {
  if (!bytes || bytes <= 0) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: unit > 1 ? 1 : 0 })} ${units[unit]}`;
}

/**
 * @param {{ width?: number | null, height?: number | null }} photo
 */
function dimensions(photo) {
  return photo.width && photo.height ? `${photo.width.toLocaleString()} × ${photo.height.toLocaleString()}` : '';
}

/**
 * A definition list row, left out when there is no value.
 * @param {string} term
 * @param {import('../ui/dom.js').Children} value
 */
function row(term, value) {
  if (value === null || value === undefined || value === '' || value === false) return null;
  return el('div', { class: 'photo-info__row' }, el('dt', null, term), el('dd', null, value));
}

/** @param {EventTarget | null} target */
function isTyping(target) {
  const node = /** @type {HTMLElement | null} */ (target);
  if (!node || !node.tagName) return false;
  return node.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(node.tagName);
}

/**
 * Opens the modal on photos[index].
 * @param {PhotoSummary[]} photos the list ←/→ move through (usually getCurrentPhotos())
 * @param {number} index
 * @param {{ onIndexChange?: (index: number) => void }} [options] told when the user moves, e.g. to focus that card on close
 */
export function openPhotoModal(photos, index, options = {}) {
  let current = Math.max(0, Math.min(index, photos.length - 1));
  /** @type {(() => void)[]} */
  let slotCleanups = [];
  /** @type {AbortController | null} */
  let loading = null;
  /** @type {HTMLElement | null} */
  let viewer = null;

  const content = el('div', { class: 'photo-modal' });
  const handle = openModal({
    title: photoName(photos[current]),
    content,
    size: 'large',
    onClose: () => {
      unsubscribeStatus();
      loading?.abort();
      closeViewer();
      runSlotCleanups();
      window.removeEventListener('keydown', onWindowKey, true);
    },
  });
  handle.element.classList.add('modal--photo');

  // Describing runs in the background: keep the status line true while the dialog is open.
  const unsubscribeStatus = events.subscribe('photo.status', (data) => {
    const summary = photos[current];
    if (!data || !summary || (data.imageKey !== summary.imageKey && data.photoId !== summary.photoId)) return;
    const status = content.querySelector('.photo-info__status');
    if (!status) return;
    const next = { ...summary, status: data.status, statusError: data.error ?? null };
    status.replaceChildren(statusBadge(next, { interactive: false }), ' ', statusText(next.status, next.statusError));
  });
  const titleNode = handle.element.querySelector('.modal__title');

  function runSlotCleanups() {
    for (const cleanup of slotCleanups) {
      try {
        cleanup();
      } catch (err) {
        console.error('photo-modal: slot cleanup failed', err);
      }
    }
    slotCleanups = [];
  }

  /** @param {number} step */
  function move(step) {
    const next = current + step;
    if (next < 0 || next >= photos.length) return;
    current = next;
    options.onIndexChange?.(current);
    void show();
  }

  /**
   * Full-screen view of the largest size. It lives inside the dialog so the
   * modal's focus trap and inert background keep working.
   * @param {string} src
   * @param {string} alt
   */
  function openViewer(src, alt) {
    closeViewer();
    const close = el('button', { type: 'button', class: 'photo-viewer__close icon-btn', 'aria-label': 'Close full-screen view' }, icon('close'));
    const img = el('img', { class: 'photo-viewer__img', src, alt });
    viewer = el('div', { class: 'photo-viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': `Full-screen view: ${alt}`, tabindex: '-1' },
      el('div', { class: 'photo-viewer__loading', role: 'status' }, 'Loading the largest size…'),
      img, close);
    img.addEventListener('load', () => viewer?.classList.add('is-loaded'), { once: true });
    img.addEventListener('error', () => {
      const status = viewer?.querySelector('.photo-viewer__loading');
      if (status) status.textContent = 'The full-size image could not be loaded.';
    }, { once: true });
    close.addEventListener('click', closeViewer);
    img.addEventListener('click', closeViewer);
    handle.element.append(viewer);
    close.focus();
  }

  function closeViewer() {
    if (!viewer) return;
    viewer.remove();
    viewer = null;
    /** @type {HTMLElement | null} */ (content.querySelector('.photo-modal__image-button'))?.focus();
  }

  // Capture on window runs before the modal's document-level Esc handler, so
  // Esc closes only the full-screen layer when it is open.
  /** @param {KeyboardEvent} event */
  function onWindowKey(event) {
    if (!viewer) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeViewer();
    } else if (event.key === 'Tab') {
      // Only the close button is focusable in the viewer.
      event.preventDefault();
      /** @type {HTMLElement | null} */ (viewer.querySelector('button'))?.focus();
    }
  }
  window.addEventListener('keydown', onWindowKey, true);

  handle.element.addEventListener('keydown', (event) => {
    if (viewer || isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowLeft') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      move(1);
    }
  });

  async function show() {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    runSlotCleanups();
    closeViewer();
    const summary = photos[current];
    const name = photoName(summary);
    if (titleNode) titleNode.textContent = name;

    const hasId = summary.photoId !== null && summary.photoId !== undefined && summary.status !== 'not_synced';
    const nav = navigation();
    if (!hasId) {
      replaceChildren(content, layout(summary, null, nav));
      return;
    }
    // Show what we already know at once; the details fill in.
    replaceChildren(content, layout(summary, null, nav, true));
    /** @type {PhotoDetail} */
    let detail;
    try {
      detail = await getPhoto(/** @type {number | string} */ (summary.photoId), controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return;
      replaceChildren(content, layout(summary, null, nav), el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)));
      return;
    }
    if (controller.signal.aborted) return;
    if (titleNode) titleNode.textContent = photoName(detail);
    const focusedNav = /** @type {HTMLElement | null} */ (document.activeElement)?.dataset?.nav;
    replaceChildren(content, layout(summary, detail, navigation()));
    if (focusedNav) /** @type {HTMLElement | null} */ (content.querySelector(`[data-nav="${focusedNav}"]`))?.focus();
    mountSlots(detail);
    preloadNeighbours();
  }

  /** @param {PhotoDetail} detail */
  function mountSlots(detail) {
    for (const name of SLOT_ORDER) {
      const mount = slots.get(name);
      const section = /** @type {HTMLElement | null} */ (content.querySelector(`section[data-slot="${name}"]`));
      if (!mount || !section) continue;
      try {
        const cleanup = mount(section, detail);
        if (typeof cleanup === 'function') slotCleanups.push(cleanup);
      } catch (err) {
        console.error(`photo-modal: slot "${name}" failed`, err);
      }
    }
  }

  function preloadNeighbours() {
    for (const i of [current + 1, current - 1]) {
      const p = photos[i];
      if (!p || p.photoId === null || p.photoId === undefined || p.status === 'not_synced') continue;
      const img = new Image();
      img.decoding = 'async';
      img.src = photoUrls.image(p.photoId, MODAL_SIZE);
    }
  }

  function navigation() {
    const prev = el('button', {
      type: 'button', class: 'photo-modal__nav photo-modal__nav--prev icon-btn', 'aria-label': 'Previous photo', 'data-nav': 'prev',
      disabled: current === 0, title: 'Previous (←)',
    }, icon('chevron', 'icon icon--flip'));
    const next = el('button', {
      type: 'button', class: 'photo-modal__nav photo-modal__nav--next icon-btn', 'aria-label': 'Next photo', 'data-nav': 'next',
      disabled: current >= photos.length - 1, title: 'Next (→)',
    }, icon('chevron'));
    prev.addEventListener('click', () => move(-1));
    next.addEventListener('click', () => move(1));
    const position = el('span', { class: 'photo-modal__position muted small' }, `${(current + 1).toLocaleString()} of ${photos.length.toLocaleString()}`);
    return el('div', { class: 'photo-modal__navbar' }, prev, position, next);
  }

  /**
   * @param {PhotoSummary} summary
   * @param {PhotoDetail | null} detail
   * @param {HTMLElement} nav
   * @param {boolean} [pending]
   */
  function layout(summary, detail, nav, pending = false) {
    const name = photoName(detail ?? summary);
    const id = detail?.id ?? summary.photoId;
    const synced = summary.status !== 'not_synced' && id !== null && id !== undefined;
    const src = detail?.imageUrl || (synced ? photoUrls.image(/** @type {number | string} */ (id), MODAL_SIZE) : summary.thumbnailUrl);

    /** @type {HTMLElement} */
    let figure;
    if (src && synced) {
      const img = el('img', { class: 'photo-modal__img', src, alt: name, decoding: 'async' });
      const button = el('button', {
        type: 'button', class: 'photo-modal__image-button', 'aria-label': `${name} — view full screen`, title: 'Click for full screen',
      }, img);
      button.addEventListener('click', () => openViewer(detail?.largestUrl || photoUrls.image(/** @type {number | string} */ (id), 'largest'), name));
      figure = button;
    } else if (src) {
      figure = el('img', { class: 'photo-modal__img', src, alt: name, decoding: 'async' });
    } else {
      figure = el('div', { class: 'photo-modal__img photo-modal__img--none', role: 'img', 'aria-label': 'No preview' });
    }

    const width = detail?.width ?? summary.width;
    const height = detail?.height ?? summary.height;
    const size = dimensions({ width, height });
    const captured = detail?.capturedAt ?? summary.capturedAt;

    /** @type {import('../ui/dom.js').Children} */
    let actions = null;
    if (synced) {
      const original = detail?.originalUrl || photoUrls.original(/** @type {number | string} */ (id));
      actions = el('div', { class: 'button-row photo-modal__actions' },
        el('a', {
          class: 'btn btn--primary btn--small', href: original, download: '', 'data-testid': 'download-original',
        }, size ? `Download original (${width}×${height})` : 'Download original'),
        detail?.webUri ? el('a', {
          class: 'btn btn--secondary btn--small', href: detail.webUri, target: '_blank', rel: 'noopener noreferrer', 'data-external': '',
        }, 'Open on SmugMug') : null,
      );
    }

    const albumLink = detail?.albumKey
      ? el('a', { href: path`/library/album/${detail.albumKey}`, 'data-close-modal': '' }, detail.albumName || detail.albumKey)
      : detail?.albumName ?? null;

    const info = el('dl', { class: 'photo-info' },
      row('Status', el('span', { class: 'photo-info__status' }, statusBadge({ ...summary, status: detail?.status ?? summary.status }, { interactive: false }),
        ' ', statusText(detail?.status ?? summary.status, detail?.statusError ?? summary.statusError))),
      row('Album', albumLink),
      row('Folder', detail?.folderPath || null),
      row('Captured', captured ? [dateTime(captured),
        detail?.capturedAtIsUploadDate ? el('span', { class: 'photo-info__mark', title: 'The photo has no capture date; this is when it was uploaded.' }, ' (upload date)') : null] : null),
      row('Dimensions', size),
      row('File', [detail?.fileName, detail?.format, fileSize(detail?.sizeBytes)].filter(Boolean).join(' • ')),
      row('Caption', detail?.caption ?? summary.caption ?? null),
      row('SmugMug keywords', detail?.keywords?.length ? detail.keywords.join(', ') : null),
    );

    const aside = el('div', { class: 'photo-modal__side' },
      actions,
      synced ? null : el('p', { class: 'photo-modal__hint' }, 'This photo is not synced yet. Sync its album to describe, search and collect it.'),
      pending ? el('p', { class: 'muted small', role: 'status' }, 'Loading details…') : null,
      info,
      // Filled by other features through registerPhotoModalSlot().
      el('section', { class: 'photo-modal__slot', 'data-slot': 'ai', 'aria-label': 'AI description' }),
      el('section', { class: 'photo-modal__slot', 'data-slot': 'collections', 'aria-label': 'Collections' }),
    );

    // Following the album link closes the dialog first (the router replaces the page behind it).
    aside.addEventListener('click', (event) => {
      if (/** @type {HTMLElement} */ (event.target).closest('[data-close-modal]')) handle.close();
    });

    return el('div', { class: 'photo-modal__grid' },
      el('div', { class: 'photo-modal__stage' }, figure, nav),
      aside,
    );
  }

  void show();
  return handle;
}

/**
 * @param {string} status
 * @param {string | null | undefined} error
 */
function statusText(status, error) {
  switch (status) {
    case 'completed': return 'Described';
    case 'not_processed': return 'Not described yet';
    case 'queued': return 'Queued';
    case 'processing': return 'Being described';
    case 'failed': return error ? `Failed: ${error}` : 'Failed';
    default: return 'Not synced';
  }
}
