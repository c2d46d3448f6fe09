import { get, post, put } from '../api.js';

// /api/autopilot: schedule and caps, run history, write-back opt-in, preview, confirm and undo.

/**
 * @typedef {Object} Spend
 * @property {number} spentThisMonthUsd
 * @property {number | null} monthlyCapUsd
 * @property {number | null} remainingUsd
 * @property {boolean} atCap
 */

/**
 * @typedef {Object} AutopilotSettings
 * @property {'off' | 'hourly' | 'every_hours' | 'daily'} mode
 * @property {number} everyHours
 * @property {string} dailyTime
 * @property {string} timeZone
 * @property {string[]} folderNodeIds
 * @property {boolean} autoDescribe
 * @property {string | null} model
 * @property {number | null} monthlyCapUsd
 * @property {number | null} runCapUsd
 * @property {boolean} writeKeywords
 * @property {'never' | 'when_empty' | 'always'} caption
 * @property {'never' | 'when_empty'} title
 * @property {string | null} nextRunAt
 * @property {Spend} spend
 */

/**
 * @typedef {Object} Run
 * @property {number} id
 * @property {string} trigger
 * @property {string} status
 * @property {string} startedAt
 * @property {string | null} finishedAt
 * @property {number} added
 * @property {number} updated
 * @property {number} removed
 * @property {number} toDescribe
 * @property {number} described
 * @property {number} failed
 * @property {number} costUsd
 * @property {string | null} error
 * @property {string | null} pausedReason
 */

/** @typedef {{ from: any, to: any }} Change */

/**
 * @typedef {Object} WriteBackItem
 * @property {number} id
 * @property {number} photoId
 * @property {string} imageKey
 * @property {string} status
 * @property {string | null} message
 * @property {Change | null} caption
 * @property {Change | null} keywords
 * @property {Change | null} title
 */

/**
 * @typedef {Object} WriteBack
 * @property {number | null} id
 * @property {string} label
 * @property {string} status
 * @property {string | null} batchId
 * @property {number} changes
 * @property {number} unchanged
 * @property {number} notOptedIn
 * @property {number} notApproved
 * @property {Record<string, number>} counts
 * @property {WriteBackItem[]} items
 */

/** @typedef {{ albumKey: string, name: string, folderPath: string | null, optedIn: boolean, inherited: boolean }} AlbumOption */
/** @typedef {{ targets: { kind: string, key: string }[], albums: AlbumOption[], folders: string[] }} Targets */

/** @param {AbortSignal} [signal] @returns {Promise<AutopilotSettings>} */
export const getAutopilot = (signal) => get('/api/autopilot/settings', { signal });

/** @param {Record<string, unknown>} changes @returns {Promise<AutopilotSettings>} */
export const saveAutopilot = (changes) => put('/api/autopilot/settings', changes);

/** @param {AbortSignal} [signal] @returns {Promise<{ items: Run[] }>} */
export const listRuns = (signal) => get('/api/autopilot/runs?pageSize=20', { signal });

/** @returns {Promise<Run>} */
export const runNow = () => post('/api/autopilot/runs', {});

/** @param {AbortSignal} [signal] @returns {Promise<Targets>} */
export const getTargets = (signal) => get('/api/autopilot/writeback/targets', { signal });

/** @param {'album' | 'folder'} kind @param {string} key @param {boolean} enabled */
export const setTarget = (kind, key, enabled) => put('/api/autopilot/writeback/targets', { kind, key, enabled });

/** @param {Record<string, unknown>} scope @returns {Promise<WriteBack>} */
export const previewWriteBack = (scope) => post('/api/autopilot/writeback/preview', scope);

/** @param {number} id @returns {Promise<WriteBack>} */
export const getWriteBack = (id) => get(`/api/autopilot/writeback/${id}`);

/** @param {number} id @returns {Promise<{ batch: import('../batches/batches-api.js').Batch, photos: number }>} */
export const confirmWriteBack = (id) => post(`/api/autopilot/writeback/${id}/confirm`, {});

/** @param {{ writeBackId?: number, photoIds?: number[], albumKey?: string, force?: boolean }} request */
export const undoWriteBack = (request) => post('/api/autopilot/writeback/undo', request);
