import { renderPlaceholder } from '../ui/placeholder.js';

// Placeholder until the Collections feature lands.

/** @type {import('../router.js').View} */
export function collectionsView(container) {
  renderPlaceholder(container, {
    title: 'Collections',
    text: 'Creating and managing photo collections is not available in this version yet.',
  });
}
