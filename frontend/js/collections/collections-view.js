import { renderCollectionList } from './collection-list.js';
import { renderCollectionPage } from './collection-page.js';

// /collections (every collection) and /collections/:collectionId (one collection's photos).

/** @type {import('../router.js').View} */
export function collectionsView(container, ctx) {
  const id = Number(ctx.params.collectionId);
  if (ctx.params.collectionId !== undefined) return renderCollectionPage(container, id, ctx);
  return renderCollectionList(container, ctx);
}
