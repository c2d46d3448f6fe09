import { el } from '../ui/dom.js';
import { dateTime, plural, timeAgo } from '../ui/format.js';
import { statusIcon } from '../photos/status-icons.js';
import { count, duration, statusInfo, usd } from './format.js';

// What the AI panel shows, as pure renderers: the status chip, one version
// (text, keyword chips, facts, small print), the empty/waiting/failed states
// and the version history list.

/** @typedef {import('./processing-api.js').AiVersion} AiVersion */

/**
 * The status chip's content: the app's own icon and the words.
 * @param {HTMLElement} badge
 * @param {string} status
 * @param {string | null} error
 */
export function renderStatusBadge(badge, status, error) {
  const info = statusInfo(status);
  badge.replaceChildren(statusIcon(status || 'not_synced'), ` ${info.label}`);
  badge.className = `ai-badge ai-badge--${status || 'unknown'}`;
  badge.title = status === 'failed' && error ? error : '';
}

/**
 * No description (yet): waiting, running, failed or simply none.
 * @param {string} status
 * @param {string | null} error
 */
export function emptyView(status, error) {
  if (status === 'queued' || status === 'processing') {
    return el('p', { class: 'muted' }, status === 'queued' ? 'Waiting in the queue to be described…' : 'Being described right now…');
  }
  if (status === 'failed') {
    return el('div', { class: 'ai-panel__failed' },
      el('p', { class: 'text-fail' }, 'Describing this photo failed.'),
      error ? el('p', { class: 'small muted' }, error) : null);
  }
  return el('p', { class: 'muted' }, 'No description yet.');
}

/**
 * @param {AiVersion[]} versions
 * @param {number | undefined} currentVersion
 * @param {(version: AiVersion) => void} onView
 */
export function historyView(versions, currentVersion, onView) {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return [
    el('h4', { class: 'ai-panel__subtitle' }, 'Versions'),
    el('ol', { class: 'ai-history', reversed: true },
      sorted.map((v) => {
        const tags = [
          v.version === currentVersion ? 'current' : null,
          v.approved ? 'approved' : null,
          v.editedByUser ? 'edited by you' : v.model ?? null,
        ].filter(Boolean).join(' · ');
        return el('li', { class: 'ai-history__item' },
          el('span', { class: 'ai-history__label' },
            el('strong', null, `v${v.version}`), ' ',
            el('span', { class: 'muted small', title: dateTime(v.createdAt) }, `${timeAgo(v.createdAt)}${tags ? ` · ${tags}` : ''}`)),
          el('button', {
            type: 'button', class: 'btn btn--ghost btn--small', 'aria-label': `View version ${v.version}`,
            on: { click: () => onView(v) },
          }, 'View'));
      })),
  ];
}

/**
 * One version: text, chips, extracted facts and the small print.
 * @param {AiVersion} v
 */
export function versionView(v) {
  const facts = [
    v.peopleCount != null ? (v.peopleCount === 0 ? 'No people' : plural(v.peopleCount, 'person', 'people')) : null,
    v.setting ? `Setting: ${v.setting}` : null,
  ].filter(Boolean).join(' · ');
  const tokens = v.inputTokens || v.outputTokens ? `${count(v.inputTokens)} in / ${count(v.outputTokens)} out tokens` : null;
  const meta = [
    v.editedByUser ? 'Edited by you' : v.model,
    v.promptVersion != null && !v.editedByUser ? `prompt v${v.promptVersion}` : null,
    tokens,
    v.costUsd ? usd(v.costUsd) : null,
    v.latencyMs ? duration(v.latencyMs) : null,
  ].filter(Boolean).join(' · ');
  return el('div', { class: 'ai-version' },
    el('p', { class: 'ai-version__description' }, v.description),
    v.keywords?.length
      ? el('ul', { class: 'chips', 'aria-label': 'Keywords' }, v.keywords.map((k) => el('li', { class: 'chip' }, k)))
      : el('p', { class: 'muted small' }, 'No keywords.'),
    facts ? el('p', { class: 'ai-version__facts small' }, facts) : null,
    el('p', { class: 'ai-version__meta small muted' },
      meta,
      v.createdAt ? el('time', { datetime: v.createdAt, title: dateTime(v.createdAt) }, `${meta ? ' · ' : ''}${timeAgo(v.createdAt)}`) : null,
      v.approved && v.approvedAt ? el('span', { title: dateTime(v.approvedAt) }, ` · approved ${timeAgo(v.approvedAt)}`) : null),
  );
}

