import { el, icon } from '../ui/dom.js';

// The full-screen layer of the photo modal (the largest size). It lives inside
// the dialog so the modal's focus trap and inert background keep working; Esc
// and Tab are caught on window in the capture phase, before the modal's own
// document-level Esc handler, so Esc closes only this layer.

/**
 * @param {HTMLElement} host the dialog element
 * @param {() => void} onClose focus goes back to the opener
 * @returns {{ open: (src: string, alt: string) => void, close: () => void, isOpen: () => boolean, destroy: () => void }}
 */
export function createPhotoViewer(host, onClose) {
  /** @type {HTMLElement | null} */
  let viewer = null;

  function close() {
    if (!viewer) return;
    viewer.remove();
    viewer = null;
    onClose();
  }

  /** @param {string} src @param {string} alt */
  function open(src, alt) {
    close();
    const closeButton = el('button', { type: 'button', class: 'photo-viewer__close icon-btn', 'aria-label': 'Close full-screen view' }, icon('close'));
    const img = el('img', { class: 'photo-viewer__img', src, alt });
    const layer = el('div', { class: 'photo-viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': `Full-screen view: ${alt}`, tabindex: '-1' },
      el('div', { class: 'photo-viewer__loading', role: 'status' }, 'Loading the largest size…'),
      img, closeButton);
    img.addEventListener('load', () => layer.classList.add('is-loaded'), { once: true });
    img.addEventListener('error', () => {
      const status = layer.querySelector('.photo-viewer__loading');
      if (status) status.textContent = 'The full-size image could not be loaded.';
    }, { once: true });
    closeButton.addEventListener('click', close);
    img.addEventListener('click', close);
    viewer = layer;
    host.append(layer);
    closeButton.focus();
  }

  /** @param {KeyboardEvent} event */
  function onWindowKey(event) {
    if (!viewer) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      // Only the close button is focusable in the viewer.
      event.preventDefault();
      /** @type {HTMLElement | null} */ (viewer.querySelector('button'))?.focus();
    }
  }
  window.addEventListener('keydown', onWindowKey, true);

  return {
    open,
    close,
    isOpen: () => viewer !== null,
    destroy() {
      window.removeEventListener('keydown', onWindowKey, true);
      viewer?.remove();
      viewer = null;
    },
  };
}
