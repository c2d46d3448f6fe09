// Formatting helpers that read well in the user's locale.

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @type {[Intl.RelativeTimeFormatUnit, number][]} */
const STEPS = [['second', 60], ['minute', 60], ['hour', 24], ['day', 7], ['week', 4.35], ['month', 12], ['year', Infinity]];

/**
 * "5 minutes ago", falling back to nothing for missing or invalid input.
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function timeAgo(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  let value = (then - Date.now()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

/**
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function dateTime(iso) {
  if (!iso) return '';
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : absolute.format(then);
}

/**
 * @param {number} count
 * @param {string} singular
 * @param {string} [plural]
 */
export function plural(count, singular, plural = `${singular}s`) {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
