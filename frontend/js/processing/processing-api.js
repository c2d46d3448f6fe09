import * as api from '../api.js';

// Calls of the AI-descriptions feature (models, estimates, batches, per-photo
// review, cache; prompts are prompts-api.js, usage is usage-api.js). Every view
// of the feature goes through here so the contract with the backend is written
// down once, with its JSDoc types.

/**
 * @typedef {'anthropic' | 'openai'} Provider
 *
 * @typedef {Object} AiModel
 * @property {string} id
 * @property {Provider} provider
 * @property {string} label
 * @property {string} [speed] a short note such as "fast" or "balanced"
 * @property {number} inputPerMTok USD per million input tokens
 * @property {number} outputPerMTok USD per million output tokens
 * @property {boolean} keyConfigured
 * @property {boolean} default
 *
 * @typedef {'photos' | 'album' | 'folder' | 'undescribed'} Scope
 *
 * @typedef {number | string} PhotoId the library's photo id (an integer; the Library may carry it as a string)
 *
 * @typedef {Object} DescribeRequest
 * @property {Scope} scope
 * @property {PhotoId[]} [photoIds]
 * @property {string} [albumKey]
 * @property {string} [folderPath]
 * @property {string} [model]
 * @property {number} [promptId]
 * @property {boolean} [includeDescribed] describe photos that already have a description again (the server's
 *   default is true for an explicit photo selection, false for the other scopes)
 *
 * @typedef {Object} Estimate
 * @property {number} photos photos that will be sent to the model
 * @property {number} alreadyDescribed photos in scope that are skipped because they have a description
 * @property {number} [inProgress] photos in scope skipped because they are already queued or being described
 * @property {string} model
 * @property {Provider} provider
 * @property {number} estimatedInputTokens
 * @property {number} estimatedOutputTokens
 * @property {number} estimatedCostUsd
 * @property {SpendStatus | null} [budget] this month's AI spend against the monthly cap
 * @property {boolean} [wouldExceedMonthlyCap] this batch's estimate would take the month past the cap
 *
 * @typedef {Object} SpendStatus
 * @property {number} spentThisMonthUsd
 * @property {number | null} monthlyCapUsd null when there is no cap
 * @property {number | null} [remainingUsd]
 *
 * @typedef {import('../batches/batches-api.js').Batch} BatchView
 *
 * @typedef {Object} AiVersion
 * @property {number} version
 * @property {string} description
 * @property {string[]} keywords
 * @property {number | null} [peopleCount]
 * @property {string | null} [setting]
 * @property {string} [provider]
 * @property {string} [model]
 * @property {number | null} [promptId]
 * @property {number | string | null} [promptVersion]
 * @property {number | null} [inputTokens]
 * @property {number | null} [outputTokens]
 * @property {number | null} [costUsd]
 * @property {number | null} [latencyMs]
 * @property {string} [createdAt]
 * @property {boolean} approved
 * @property {string | null} [approvedAt]
 * @property {boolean} [editedByUser]
 *
 * @typedef {Object} PhotoAi
 * @property {AiVersion | null} current
 * @property {AiVersion[]} versions
 *
 * @typedef {import('../library/library-api.js').LibraryStats} LibraryStats
 */

/** @param {AbortSignal} [signal] @returns {Promise<AiModel[]>} */
export const getModels = (signal) => api.get('/api/ai/models', { signal });

/** @param {DescribeRequest} body @param {AbortSignal} [signal] @returns {Promise<Estimate>} */
export const estimate = (body, signal) => api.post('/api/processing/estimate', body, { signal });

/**
 * Starts a describe batch. The server answers 202 `{ batch }`; a bare BatchView is accepted too.
 * @param {DescribeRequest} body
 * @returns {Promise<BatchView>}
 */
export async function createBatch(body) {
  const answer = await api.post('/api/processing/batches', body);
  return answer && typeof answer === 'object' && 'batch' in answer ? answer.batch : answer;
}

/** @param {PhotoId} photoId */
const photoAiPath = (photoId) => `/api/photos/${encodeURIComponent(String(photoId))}/ai`;

/**
 * The current description and all versions; a photo without any yields `{ current: null, versions: [] }`.
 * @param {PhotoId} photoId
 * @param {AbortSignal} [signal]
 * @returns {Promise<PhotoAi>}
 */
export async function getPhotoAi(photoId, signal) {
  try {
    const data = await api.get(photoAiPath(photoId), { signal });
    return { current: data?.current ?? null, versions: Array.isArray(data?.versions) ? data.versions : [] };
  } catch (err) {
    // 404 here means "no AI metadata yet", which is a normal state for a synced photo.
    if (err instanceof api.ApiError && err.status === 404) return { current: null, versions: [] };
    throw err;
  }
}

/** @param {PhotoId} photoId @param {{ description: string, keywords: string[] }} body */
export const savePhotoAi = (photoId, body) => api.put(photoAiPath(photoId), body);

/** @param {PhotoId} photoId */
export const approvePhoto = (photoId) => api.post(`${photoAiPath(photoId)}/approve`);

/** @param {PhotoId} photoId */
export const unapprovePhoto = (photoId) => api.post(`${photoAiPath(photoId)}/unapprove`);

/**
 * @param {PhotoId} photoId
 * @param {{ model?: string, promptId?: number }} body
 * @returns {Promise<BatchView>}
 */
export async function regeneratePhoto(photoId, body) {
  const answer = await api.post(`${photoAiPath(photoId)}/regenerate`, body);
  return answer && typeof answer === 'object' && 'batch' in answer ? answer.batch : answer;
}

/** @param {PhotoId} photoId */
export const deletePhotoAi = (photoId) => api.del(photoAiPath(photoId));

/** @param {PhotoId[]} photoIds @returns {Promise<{ approved: number }>} */
export const approvePhotos = (photoIds) => api.post('/api/photos/ai/approve', { photoIds });

/** @param {AbortSignal} [signal] @returns {Promise<Record<string, unknown>>} */
export const getCacheStatus = (signal) => api.get('/api/cache/status', { signal });

/** @returns {Promise<unknown>} */
export const clearCache = () => api.post('/api/cache/clear');
