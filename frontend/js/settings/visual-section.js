import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { toastError } from '../ui/toast.js';
import { trackBatch } from '../batches/batch-store.js';
import { getEmbeddingStats, startBackfill } from '../visual/visual-api.js';
import { modelNotice } from '../visual/model-status.js';

// Settings → Visual search: whether a model is installed (and how to install
// one), how much of the library is embedded, and a button to embed the rest.

/**
 * @param {HTMLElement} container
 * @param {AbortSignal} signal
 */
export function mountVisualSettings(container, signal) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  replaceChildren(container, el('section', { class: 'settings-section', 'aria-labelledby': 'visual-heading' },
    el('h2', { id: 'visual-heading' }, 'Visual search'), body));

  async function load() {
    try {
      const stats = await getEmbeddingStats(signal);
      const parts = [modelNotice(stats.status)];
      if (stats.status.enabled) {
        const button = el('button', { type: 'button', class: 'btn' }, 'Embed library');
        button.disabled = stats.missing + stats.stale === 0;
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            const started = await startBackfill();
            trackBatch(started.batch);
          } catch (err) {
            toastError(err, 'Could not start embedding');
            button.disabled = false;
          }
        });
        parts.push(
          el('p', {}, `${stats.embedded} of ${stats.photos} photos analysed for visual search` +
            (stats.stale ? `, ${stats.stale} changed since` : '') + (stats.missing ? `, ${stats.missing} not yet` : '') + '.'),
          el('p', {}, button, ' ', el('a', { href: '/duplicates' }, 'Find near-duplicates'), ' · ', el('a', { href: '/visual' }, 'Search by example')));
      }
      replaceChildren(body, ...parts);
    } catch (err) {
      if (!signal.aborted) replaceChildren(body, el('p', { class: 'alert alert--error' }, errorMessage(err)));
    }
  }
  void load();
}
