import { renderPlaceholder } from '../ui/placeholder.js';
import { markSearchVisited } from '../onboarding/first-run.js';
import { mountVisualEntry } from '../visual/visual-entry.js';

// Placeholder until the Search feature lands.

/** @type {import('../router.js').View} */
export function searchView(container, ctx) {
  markSearchVisited();
  renderPlaceholder(container, {
    title: 'Search',
    text: 'Searching your described photos by meaning, text or visual similarity is not available in this version yet.',
  });
  mountVisualEntry(container, ctx.signal);
}
