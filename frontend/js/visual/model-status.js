import { el } from '../ui/dom.js';

// "No model installed" in words a self-hoster can act on: the one command,
// where the files go, and which are missing.

/**
 * @param {import('./visual-api.js').ModelStatus} status
 * @returns {HTMLElement}
 */
export function modelNotice(status) {
  if (status.enabled) {
    return el('p', { class: 'visual-note' }, `Visual search is on (model ${status.modelId}${status.textModelInstalled ? '' : ', pictures only: no text encoder'}).`);
  }
  /** @type {HTMLElement[]} */
  const lines = [
    el('p', {}, status.imageModelInstalled
      ? 'Visual search is switched off in the configuration (Visual:Enabled).'
      : 'Visual search needs a model that is not installed yet. Everything else works without it.'),
  ];
  if (!status.imageModelInstalled) {
    lines.push(
      el('p', {}, 'Install it once with:'),
      el('pre', { class: 'visual-command' }, 'docker compose run --rm --no-deps backend models download'),
      el('p', { class: 'muted' }, `Files go to ${status.modelsDirectory}; missing: ${status.missingFiles.join(', ')}.`),
    );
  }
  if (status.error) lines.push(el('p', { class: 'alert alert--error' }, status.error));
  return el('div', { class: 'visual-notice', role: 'note' }, ...lines);
}
