// Number formatting for costs, tokens and durations, and the wording of photo
// statuses — shared by the describe dialog, the AI panel and the settings sections.

const usdSmall = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const usdLarge = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Dollars with more precision below a dollar, where single descriptions cost fractions of a cent.
 * @param {number | null | undefined} value
 */
export function usd(value) {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n)) return '—';
  return n !== 0 && Math.abs(n) < 1 ? usdSmall.format(n) : usdLarge.format(n);
}

/** @param {number | null | undefined} value */
export function count(value) {
  return integer.format(Number(value ?? 0));
}

/** "1.2M" for big token totals. @param {number | null | undefined} value */
export function compactCount(value) {
  return compact.format(Number(value ?? 0));
}

/** @param {number | null | undefined} ms */
export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s % 60)} s`;
}

/** @param {number | null | undefined} seconds */
export function eta(seconds) {
  if (!seconds || seconds <= 0) return '';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  if (seconds < 3600) return `about ${Math.ceil(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** @param {number} part @param {number} whole */
export function percent(part, whole) {
  if (!whole) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

/**
 * Price per million tokens, e.g. "$3.00 in / $15.00 out per M tokens".
 * @param {{ inputPerMTok: number, outputPerMTok: number }} model
 */
export function priceLabel(model) {
  return `${usdLarge.format(model.inputPerMTok)} in / ${usdLarge.format(model.outputPerMTok)} out per M tokens`;
}

/** @type {Record<string, { label: string, symbol: string }>} */
const STATUS = {
  not_synced: { label: 'Not synced', symbol: '–' },
  not_processed: { label: 'Not described', symbol: '○' },
  queued: { label: 'Queued', symbol: '⏳' },
  processing: { label: 'Describing…', symbol: '⏳' },
  completed: { label: 'Described', symbol: '✓' },
  failed: { label: 'Failed', symbol: '✗' },
};

/**
 * @param {string | null | undefined} status a photo status (snake_case) from the API
 * @returns {{ label: string, symbol: string }}
 */
export function statusInfo(status) {
  return STATUS[status ?? ''] ?? { label: status ? String(status) : 'Unknown', symbol: '?' };
}
