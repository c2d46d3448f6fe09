import { el } from './dom.js';

/**
 * @typedef {Object} ProgressBar
 * @property {HTMLElement} element
 * @property {(done: number, total: number, label?: string) => void} update
 * @property {(label?: string) => void} indeterminate show activity without a known total
 */

/**
 * A labelled progress bar ("12/40 described (30%)"). Width is set through the
 * CSSOM, which the strict style-src allows.
 * @param {Object} [options]
 * @param {number} [options.done]
 * @param {number} [options.total]
 * @param {string} [options.label] what is happening; the counts are appended
 * @param {boolean} [options.compact] thin bar without the text line
 * @returns {ProgressBar}
 */
export function createProgressBar(options = {}) {
  const fill = el('div', { class: 'progress__fill' });
  const track = el('div', {
    class: 'progress__track',
    role: 'progressbar',
    'aria-valuemin': '0',
    // A progress bar needs a name; the label says what is progressing, the value text how far.
    'aria-label': options.label ?? 'Progress',
  }, fill);
  const text = el('div', { class: 'progress__text' });
  const element = el('div', { class: ['progress', options.compact && 'progress--compact'] }, track, options.compact ? null : text);

  /** @type {ProgressBar['update']} */
  function update(done, total, label) {
    const safeTotal = Math.max(0, total);
    const safeDone = Math.min(Math.max(0, done), safeTotal);
    const pct = safeTotal > 0 ? Math.round((safeDone / safeTotal) * 100) : 0;
    element.classList.remove('progress--indeterminate');
    fill.style.width = `${pct}%`;
    track.setAttribute('aria-valuemax', String(safeTotal));
    track.setAttribute('aria-valuenow', String(safeDone));
    const summary = `${safeDone}/${safeTotal} (${pct}%)`;
    const full = label ? `${label} — ${summary}` : summary;
    track.setAttribute('aria-valuetext', full);
    if (label) track.setAttribute('aria-label', label);
    text.textContent = full;
  }

  /** @type {ProgressBar['indeterminate']} */
  function indeterminate(label) {
    element.classList.add('progress--indeterminate');
    fill.style.width = '';
    track.removeAttribute('aria-valuenow');
    track.removeAttribute('aria-valuemax');
    track.setAttribute('aria-valuetext', label ?? 'Working…');
    if (label) track.setAttribute('aria-label', label);
    text.textContent = label ?? 'Working…';
  }

  if (options.total !== undefined) update(options.done ?? 0, options.total, options.label);
  else indeterminate(options.label);

  return { element, update, indeterminate };
}
