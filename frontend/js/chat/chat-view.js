import { renderPlaceholder } from '../ui/placeholder.js';

// Placeholder until the Chat feature lands.

/** @type {import('../router.js').View} */
export function chatView(container) {
  renderPlaceholder(container, {
    title: 'Chat',
    text: 'Asking questions about your photos in plain language is not available in this version yet.',
  });
}
