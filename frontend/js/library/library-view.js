import { el } from '../ui/dom.js';
import { renderPlaceholder } from '../ui/placeholder.js';

// Placeholder until the Library feature lands; it already honours the URL
// (/library, /library/folder/{nodeId}, /library/album/{albumKey}).

/** @type {import('../router.js').View} */
export function libraryView(container, ctx) {
  const where = ctx.params.nodeId ? `Folder ${ctx.params.nodeId}` : ctx.params.albumKey ? `Album ${ctx.params.albumKey}` : null;
  renderPlaceholder(container, {
    title: 'Library',
    text: 'Browsing your SmugMug folders and albums, syncing and describing photos is not available in this version yet.',
    extra: where ? el('p', { class: 'muted small' }, `Requested: ${where}`) : null,
  });
}
