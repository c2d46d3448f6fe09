import { el } from '../ui/dom.js';
import { plural } from '../ui/format.js';
import { count, priceLabel, usd } from './format.js';
import { budgetNote } from './budget-note.js';

// Pure pieces of the describe dialog: its title and the cost estimate.

/** @typedef {import('./processing-api.js').Estimate} Estimate */
/** @typedef {import('./describe-dialog.js').DescribeTarget} DescribeTarget */

/**
 * What the estimate says: the cost and how it is made up, or why there is nothing to describe.
 * @param {Estimate} e
 * @param {import('./processing-api.js').AiModel | null | undefined} priced the model whose prices apply
 * @returns {(HTMLElement | null)[]}
 */
export function estimateView(e, priced) {
  const perIn = e.photos ? Math.round(e.estimatedInputTokens / e.photos) : 0;
  const perOut = e.photos ? Math.round(e.estimatedOutputTokens / e.photos) : 0;
  if (e.photos <= 0) {
    return [
      el('p', { class: 'estimate__headline' }, 'Nothing to describe.'),
      e.alreadyDescribed > 0
        ? el('p', null, `All ${plural(e.alreadyDescribed, 'photo')} in this selection already have a description. Tick the box below to describe them again.`)
        : el('p', null, 'There are no synced photos in this selection. Sync the album first.'),
    ];
  }
  return [
    el('p', { class: 'estimate__headline' },
      el('span', { class: 'estimate__cost' }, `≈ ${usd(e.estimatedCostUsd)}`),
      ` to describe ${plural(e.photos, 'photo')}`),
    el('p', { class: 'estimate__formula' },
      `${count(e.photos)} × (~${count(perIn)} input + ~${count(perOut)} output tokens)`,
      priced ? ` at ${priceLabel(priced)}` : ''),
    e.alreadyDescribed > 0
      ? el('p', { class: 'estimate__skip' }, `${plural(e.alreadyDescribed, 'photo')} already described will be skipped.`)
      : null,
    e.inProgress
      ? el('p', { class: 'estimate__skip' }, `${plural(e.inProgress, 'photo')} already queued or being described ${e.inProgress === 1 ? 'is' : 'are'} left out.`)
      : null,
    el('p', { class: 'small muted' }, 'An estimate: the real cost depends on each photo and the length of each answer.'),
    ...budgetNote(e),
  ];
}

/**
 * The describe scopes as titles.
 * @param {DescribeTarget} target
 */
export function titleFor(target) {
  if (target.label) return `Describe ${target.label}`;
  switch (target.scope) {
    case 'photos': return `Describe ${plural(target.photoIds?.length ?? 0, 'photo')}`;
    case 'album': return 'Describe this album';
    case 'folder': return 'Describe this folder';
    default: return 'Describe all undescribed photos';
  }
}
