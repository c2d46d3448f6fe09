import * as api from '../api.js';

// What the AI calls cost (Settings → Usage): totals, per model and per
// day over the last days.

/**
 * @typedef {Object} UsageTotals
 * @property {number} calls
 * @property {number} inputTokens
 * @property {number} outputTokens
 * @property {number} costUsd
 *
 * @typedef {UsageTotals & { model: string, provider?: string }} UsageByModel
 * @typedef {{ day: string, calls: number, costUsd: number }} UsageByDay
 *
 * @typedef {Object} Usage
 * @property {UsageTotals} totals
 * @property {UsageByModel[]} byModel
 * @property {UsageByDay[]} byDay
 */

/** @param {number} days @param {AbortSignal} [signal] @returns {Promise<Usage>} */
export const getUsage = (days, signal) => api.get('/api/ai/usage', { query: { days }, signal });
