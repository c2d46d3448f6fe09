import * as api from '../api.js';
import { path } from '../router.js';

// Calls and shapes of /api/batches: every long-running piece of work (sync,
// describe, embed, export) is a batch with the same counters and controls.

/**
 * @typedef {Object} Batch
 * @property {string} id
 * @property {string} kind
 * @property {string} title
 * @property {'running' | 'paused' | 'completed' | 'cancelled' | 'failed'} status
 * @property {number} total
 * @property {number} done
 * @property {number} failed
 * @property {number} cancelled
 * @property {number} remaining
 * @property {number} percent
 * @property {number} costUsd
 * @property {number | null} etaSeconds
 * @property {string} createdAt
 * @property {string | null} finishedAt
 * @property {string | null} [unit] what `total` counts when the server says so ("photos", "albums")
 */

/** @typedef {'cancel' | 'pause' | 'resume' | 'retry-failed'} BatchAction */

/**
 * Batches, newest first.
 * @param {{ active?: boolean, pageSize?: number }} options
 * @param {AbortSignal} [signal]
 * @returns {Promise<Batch[]>}
 */
export async function getBatches(options, signal) {
  /** @type {{ items?: Batch[] } | Batch[]} */
  const data = await api.get('/api/batches', { query: { active: options.active ? 'true' : undefined, pageSize: options.pageSize }, signal });
  if (Array.isArray(data)) return data;
  return data?.items ?? [];
}

/**
 * @param {string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<Batch>}
 */
export const getBatch = (id, signal) => api.get(path`/api/batches/${id}`, { signal });

/**
 * @param {string} id
 * @param {BatchAction} action
 * @returns {Promise<Batch>}
 */
export const batchAction = (id, action) => api.post(`${path`/api/batches/${id}`}/${action}`);

/** @returns {Promise<{ cancelled: number }>} */
export const cancelAllBatches = () => api.post('/api/batches/cancel-all');
