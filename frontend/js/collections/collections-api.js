import { del, get, patch, post, put } from '../api.js';

// The one module that talks to /api/collections.

/** @typedef {'added' | 'captured' | 'title' | 'manual'} OrderMode */

/**
 * @typedef {Object} Collection
 * @property {number} id
 * @property {string} name
 * @property {string | null} description
 * @property {number} photoCount
 * @property {number} removedCount photos deleted on SmugMug, still listed until dropped
 * @property {number | null} coverPhotoId the cover shown (chosen, or the first photo)
 * @property {string | null} coverThumbnailUrl
 * @property {boolean} coverChosen
 * @property {OrderMode} orderMode
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {{ albumKey: string, webUri: string | null, publishedAt: string | null } | null} smugMug
 * @property {string | null} publishBatchId
 */

/**
 * A collection's photo: the shared card shape plus membership facts.
 * @typedef {import('../library/library-api.js').PhotoSummary & { removedOnSmugMug: boolean, addedAt: string, position: number, albumName: string | null }} CollectionPhoto
 */

/** @param {AbortSignal} [signal] @returns {Promise<Collection[]>} */
export const listCollections = (signal) => get('/api/collections', { signal });

/** @param {number} id @param {AbortSignal} [signal] @returns {Promise<Collection>} */
export const getCollection = (id, signal) => get(`/api/collections/${id}`, { signal });

/**
 * @param {string} name
 * @param {(number | string)[]} [photoIds]
 * @returns {Promise<Collection>}
 */
export const createCollection = (name, photoIds) => post('/api/collections', { name, photoIds: photoIds?.map(Number) });

/**
 * @param {number} id
 * @param {{ name?: string, description?: string, coverPhotoId?: number, resetCover?: boolean, orderMode?: OrderMode }} changes
 * @returns {Promise<Collection>}
 */
export const updateCollection = (id, changes) => patch(`/api/collections/${id}`, changes);

/** @param {number} id */
export const deleteCollection = (id) => del(`/api/collections/${id}`);

/**
 * Every photo of a collection in its order (pages of 200).
 * @param {number} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<CollectionPhoto[]>}
 */
export async function collectionPhotos(id, signal) {
  /** @type {CollectionPhoto[]} */
  const all = [];
  for (let page = 1; ; page += 1) {
    /** @type {{ items: CollectionPhoto[], total: number }} */
    const result = await get(`/api/collections/${id}/photos?page=${page}&pageSize=200`, { signal });
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}

/**
 * @param {number} id
 * @param {(number | string)[]} photoIds
 * @returns {Promise<{ changed: number, photoCount: number, coverPhotoId: number | null }>}
 */
export const addPhotos = (id, photoIds) => post(`/api/collections/${id}/photos`, { photoIds: photoIds.map(Number) });

/**
 * @param {number} id
 * @param {(number | string)[]} photoIds
 * @returns {Promise<{ changed: number, photoCount: number, coverPhotoId: number | null }>}
 */
export const removePhotos = (id, photoIds) => post(`/api/collections/${id}/photos/remove`, { photoIds: photoIds.map(Number) });

/** @param {number} id @param {number[]} photoIds every member, in the new order */
export const reorder = (id, photoIds) => put(`/api/collections/${id}/order`, { photoIds });

/**
 * @param {(number | string)[]} photoIds
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ items: { photoId: number, collectionIds: number[] }[] }>}
 */
export const membership = (photoIds, signal) => get(`/api/collections/membership?photoIds=${photoIds.map(Number).join(',')}`, { signal });

/** @param {AbortSignal} [signal] @returns {Promise<{ photoIds: number[] }>} */
export const memberIds = (signal) => get('/api/collections/members', { signal });

/**
 * @param {number} id
 * @param {{ folderNodeId?: string, name?: string, privacy: 'public' | 'unlisted' | 'private' }} options
 * @returns {Promise<{ batch: import('../batches/batches-api.js').Batch }>}
 */
export const publish = (id, options) => post(`/api/collections/${id}/publish`, options);

/** @param {number} id */
export const downloadUrl = (id) => `/api/collections/${id}/download.zip`;
