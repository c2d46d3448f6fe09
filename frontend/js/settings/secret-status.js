import { timeAgo, dateTime } from '../ui/format.js';

// How one API key's card shows its state: source badge, masked value, last
// test, and the inline result of Save / Test / Clear. Pure DOM updates.

/** @typedef {import('./settings-api.js').SecretStatus} SecretStatus */

const SOURCE_LABELS = { environment: 'from environment', saved: 'saved', none: 'not set' };

/**
 * @param {string} text
 * @param {string | null} iso
 */
function withWhen(text, iso) {
  const ago = timeAgo(iso);
  return ago ? `${text} · ${ago}` : text;
}

/**
 * @param {SecretStatus | undefined} status
 */
function maskedValue(status) {
  if (!status?.isSet) return 'Not set';
  return status.last4 ? `••••${status.last4}` : '••••••••';
}

/**
 * Shows `next` on the card's parts.
 * @param {{ sourceBadge: HTMLElement, value: HTMLElement, validation: HTMLElement, clearButton: HTMLElement }} parts
 * @param {boolean} tested whether the key can be tested (AI providers)
 * @param {SecretStatus | undefined} next
 */
export function showStatus({ sourceBadge, value, validation, clearButton }, tested, next) {
  const source = next?.source ?? 'none';
  sourceBadge.textContent = SOURCE_LABELS[source] ?? source;
  sourceBadge.className = `badge badge--${source}`;
  value.textContent = maskedValue(next);
  value.classList.toggle('muted', !next?.isSet);
  clearButton.hidden = source !== 'saved';
  if (tested) {
    validation.hidden = false;
    validation.className = 'secret__validation';
    if (!next?.isSet) {
      validation.textContent = 'No key to test.';
      validation.classList.add('muted');
    } else if (next.lastValidationOk === true) {
      validation.textContent = withWhen('Last test passed', next.lastValidatedAt);
      validation.classList.add('text-ok');
    } else if (next.lastValidationOk === false) {
      validation.textContent = withWhen('Last test failed', next.lastValidatedAt);
      validation.classList.add('text-fail');
    } else {
      validation.textContent = 'Not tested yet.';
      validation.classList.add('muted');
    }
    if (next?.lastValidatedAt) validation.title = dateTime(next.lastValidatedAt);
  } else {
    validation.hidden = true;
  }
}

/**
 * @param {HTMLElement} result
 * @param {{ ok?: boolean, pending?: boolean, text: string } | null} outcome
 */
export function showResult(result, outcome) {
  result.hidden = !outcome;
  result.className = 'secret__result';
  if (!outcome) {
    result.textContent = '';
    return;
  }
  result.textContent = `${outcome.pending ? '' : outcome.ok ? '✓ ' : '✗ '}${outcome.text}`;
  result.classList.add(outcome.pending ? 'secret__result--pending' : outcome.ok ? 'secret__result--ok' : 'secret__result--fail');
}
