import { plural } from '../ui/format.js';

// How a batch is put into words: what its counts count, and what "done" means
// for that kind of work.

/** @typedef {import('./batches-api.js').Batch} Batch */

/**
 * The thing a batch's `total` counts, singular. A sync batch counts albums (one job per album) unless the
 * server says otherwise.
 * @param {Batch} batch
 */
export function batchUnit(batch) {
  if (batch.unit) return batch.unit.replace(/s$/, '');
  if (batch.kind.startsWith('smugmug.sync')) return 'album';
  return 'photo';
}

/**
 * "8 photos described", "1 album synced".
 * @param {Batch} batch
 * @param {number} count
 */
export function countDone(batch, count) {
  const verb = batch.kind.startsWith('smugmug.sync') ? 'synced'
    : batch.kind.includes('embed') ? 'indexed'
      : batch.kind.includes('describe') ? 'described' : 'done';
  return `${plural(count, batchUnit(batch))} ${verb}`;
}

/**
 * "about 3 min left"
 * @param {number | null | undefined} seconds
 */
export function eta(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  return `about ${hours} h ${Math.round((seconds % 3600) / 60)} min left`;
}
