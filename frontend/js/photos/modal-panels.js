import { getPlugins } from '../core/plugins.js';

// The photo modal's plugin sections (AI description, collections…): each
// plugin with a `photoPanel` mounts into its own section, and one failing
// plugin neither breaks the dialog nor keeps the others from cleaning up.

/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

/**
 * @param {HTMLElement} content the modal's content, holding `section[data-slot="<plugin name>"]`
 * @returns {{ mount: (detail: PhotoDetail) => void, clean: () => void }}
 */
export function createPanelHost(content) {
  /** @type {(() => void)[]} */
  let panelCleanups = [];

  function clean() {
    for (const cleanup of panelCleanups) {
      try {
        cleanup();
      } catch (err) {
        console.error('photo-modal: panel cleanup failed', err);
      }
    }
    panelCleanups = [];
  }

  /** @param {PhotoDetail} detail */
  function mount(detail) {
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

  return { mount, clean };
}
