import { el } from '../ui/dom.js';
import { usd } from './format.js';

// This month's AI spend in the describe dialog, and a warning when the batch would cross the monthly cap. Manual
// batches are never stopped by the cap (only the autopilot's are), so the owner decides with the figures in front of them.

/** @typedef {import('./processing-api.js').Estimate} Estimate */

/**
 * @param {Estimate} e
 * @returns {HTMLElement[]} nothing when the server sent no spend figures
 */
export function budgetNote(e) {
  const b = e.budget;
  if (!b) return [];
  const spent = usd(b.spentThisMonthUsd);
  if (b.monthlyCapUsd === null || b.monthlyCapUsd === undefined) {
    return [el('p', { class: 'estimate__budget', 'data-testid': 'describe-spend' }, `Spent this month: ${spent} (no monthly cap).`)];
  }
  const cap = usd(b.monthlyCapUsd);
  const parts = [el('p', { class: 'estimate__budget', 'data-testid': 'describe-spend' }, `Spent this month: ${spent} of the ${cap} monthly cap.`)];
  if (e.wouldExceedMonthlyCap) {
    const after = usd(Number(b.spentThisMonthUsd) + Number(e.estimatedCostUsd));
    parts.push(el('p', { class: 'estimate__warning', 'data-testid': 'describe-cap-warning' },
      `Warning: this batch would bring this month's spend to about ${after}, over the ${cap} cap. `
      + 'A batch you start yourself is not stopped at the cap; scheduled auto-describe pauses there.'));
  }
  return parts;
}
