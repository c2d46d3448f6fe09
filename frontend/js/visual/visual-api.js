import { get, post } from '../api.js';

// The one module for the visual-search endpoints (image embeddings, similar
// photos, search by example, near-duplicates).

/**
 * @typedef {Object} VisualHit
 * @property {number} photoId
 * @property {string} imageKey
 * @property {string | null} title
 * @property {string | null} fileName
 * @property {string} thumbnailUrl
 * @property {string} albumName
 * @property {number} similarity
 */

/**
 * @typedef {Object} ModelStatus
 * @property {string} modelId
 * @property {boolean} enabled
 * @property {boolean} imageModelInstalled
 * @property {boolean} textModelInstalled
 * @property {string[]} missingFiles
 * @property {string} modelsDirectory
 * @property {string | null} error
 * @property {string} installHint
 */

/**
 * @typedef {Object} EmbeddingStats
 * @property {ModelStatus} status
 * @property {number} photos
 * @property {number} embedded
 * @property {number} stale
 * @property {number} missing
 * @property {{ model: string, embedded: number, stale: number }[]} models
 */

/**
 * @typedef {Object} DuplicatePhoto
 * @property {number} photoId
 * @property {string | null} title
 * @property {string | null} fileName
 * @property {number | null} width
 * @property {number | null} height
 * @property {number | null} sizeBytes
 * @property {string | null} capturedAt
 * @property {string} albumName
 * @property {string} thumbnailUrl
 */

/** @typedef {{ photos: DuplicatePhoto[], minSimilarity: number }} DuplicateGroup */
/** @typedef {{ items: DuplicateGroup[], page: number, total: number, totalPages: number, hasNext: boolean, threshold: number }} DuplicatePage */

/** @param {AbortSignal} [signal] @returns {Promise<EmbeddingStats>} */
export const getEmbeddingStats = (signal) => get('/api/embeddings/stats', { signal });

/** @type {{ at: number, promise: Promise<ModelStatus> } | null} */
let status = null;

/**
 * The model status, shared by every caller for 30 s (the photo modal asks per photo): callers only request
 * similar photos or duplicates when a model is installed, so a library without one causes no failed requests.
 * @returns {Promise<ModelStatus>}
 */
export function visualStatus() {
  if (!status || Date.now() - status.at > 30_000) {
    const promise = getEmbeddingStats().then((stats) => stats.status);
    status = { at: Date.now(), promise };
    promise.catch(() => { status = null; });
  }
  return status.promise;
}

/** @returns {Promise<{ batch: import('../batches/batches-api.js').Batch }>} */
export const startBackfill = () => post('/api/embeddings/backfill', {});

/**
 * @param {number | string} photoId
 * @param {number} limit
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ items: VisualHit[] }>}
 */
export const getSimilar = (photoId, limit, signal) => get(`/api/photos/${encodeURIComponent(String(photoId))}/similar`, { query: { limit }, signal });

/**
 * @param {File} file
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ items: VisualHit[] }>}
 */
export function searchByExample(file, signal) {
  const form = new FormData();
  form.append('file', file);
  return post('/api/search/by-example', form, { query: { limit: 48 }, signal });
}

/**
 * @param {number} threshold
 * @param {number} page
 * @param {AbortSignal} [signal]
 * @returns {Promise<DuplicatePage>}
 */
export const getDuplicates = (threshold, page, signal) => get('/api/duplicates', { query: { threshold, page, pageSize: 20 }, signal });

/** @param {number[]} photoIds */
export const dismissDuplicates = (photoIds) => post('/api/duplicates/dismissals', { photoIds });
