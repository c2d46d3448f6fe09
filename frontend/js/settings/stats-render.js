import { el, scrollable } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { plural } from '../ui/format.js';
import { compactCount, count, percent, usd } from '../processing/format.js';

// Pure renderers for Settings → Statistics: library tiles, usage tables and the
// model price table. They build DOM from API data and touch nothing else.

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * One tile per library figure, with a bar for shares of all photos.
 * @param {import('../library/library-api.js').LibraryStats} s library stats
 * @returns {HTMLElement[]}
 */
export function libraryTiles(s) {
  const photos = s.photos ?? 0;
  /** @type {[string, number | undefined, number | null][]} label, value, share of photos (null = no bar) */
  const tiles = [
    ['Synced albums', s.syncedAlbums ?? s.albums, null],
    ['Synced photos', photos, null],
    ['Described', s.described, photos],
    ['Approved', s.approved, photos],
    ['Embedded', s.embedded, photos],
    ['Queued', s.queued, null],
    ['Failed', s.failed, null],
  ];
  return tiles
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([label, value, whole]) => {
      const n = Number(value);
      const tile = el('div', { class: 'stat', dataset: { stat: label.toLowerCase().replace(/\s+/g, '-') } },
        el('span', { class: 'stat__label' }, label),
        el('span', { class: 'stat__value' }, count(n), whole ? el('span', { class: 'stat__pct' }, ` ${percent(n, whole)} %`) : null));
      if (whole) {
        const bar = createProgressBar({ compact: true, total: whole, done: n });
        tile.append(bar.element);
      }
      return tile;
    });
}

/**
 * Totals, the per-model table and the cost-per-day bars.
 * @param {import('../processing/usage-api.js').Usage} u usage response
 * @returns {(HTMLElement | null)[]}
 */
export function usageBody(u) {
  const t = u.totals ?? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const byModel = u.byModel ?? [];
  const byDay = u.byDay ?? [];
  const maxCost = Math.max(0, ...byDay.map((d) => d.costUsd));
  return [
    el('p', { class: 'usage__totals' },
      el('strong', null, usd(t.costUsd)),
      ` · ${plural(t.calls, 'call')} · ${compactCount(t.inputTokens)} input / ${compactCount(t.outputTokens)} output tokens`),
    byModel.length
      ? scrollable('Usage per model', el('table', { class: 'data-table' },
        el('caption', { class: 'visually-hidden' }, 'Usage per model'),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Model'), el('th', { scope: 'col', class: 'num' }, 'Calls'),
          el('th', { scope: 'col', class: 'num' }, 'Input'), el('th', { scope: 'col', class: 'num' }, 'Output'),
          el('th', { scope: 'col', class: 'num' }, 'Cost'))),
        el('tbody', null, byModel.map((m) => el('tr', null,
          el('th', { scope: 'row' }, m.model),
          el('td', { class: 'num' }, count(m.calls)),
          el('td', { class: 'num' }, compactCount(m.inputTokens)),
          el('td', { class: 'num' }, compactCount(m.outputTokens)),
          el('td', { class: 'num' }, usd(m.costUsd)))))))
      : el('p', { class: 'muted' }, 'No AI calls in this period.'),
    byDay.length
      ? el('table', { class: 'data-table day-bars' },
        el('caption', { class: 'day-bars__caption' }, 'Cost per day'),
        el('thead', { class: 'visually-hidden' }, el('tr', null,
          el('th', { scope: 'col' }, 'Day'), el('th', { scope: 'col' }, 'Share'), el('th', { scope: 'col' }, 'Cost and calls'))),
        el('tbody', null, byDay.map((d) => el('tr', null,
          el('th', { scope: 'row', class: 'day-bars__day' }, formatDay(d.day)),
          el('td', { class: 'day-bars__bar', 'aria-hidden': 'true' },
            el('span', { class: 'day-bars__fill', style: { width: `${maxCost > 0 ? Math.max(1, Math.round((d.costUsd / maxCost) * 100)) : 0}%` } })),
          el('td', { class: 'num' }, `${usd(d.costUsd)} · ${plural(d.calls, 'call')}`)))))
      : null];
}

/**
 * The models-and-prices table.
 * @param {import('../processing/processing-api.js').AiModel[]} list models
 * @returns {HTMLElement}
 */
export function modelsTable(list) {
  return scrollable('Models and prices', el('table', { class: 'data-table' },
    el('caption', { class: 'visually-hidden' }, 'Models offered for descriptions, with prices per million tokens'),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, 'Model'), el('th', { scope: 'col' }, 'Speed'),
      el('th', { scope: 'col', class: 'num' }, 'Input $/M'), el('th', { scope: 'col', class: 'num' }, 'Output $/M'),
      el('th', { scope: 'col' }, 'Key'))),
    el('tbody', null, list.map((m) => el('tr', null,
      el('th', { scope: 'row' }, m.label || m.id, m.default ? el('span', { class: 'badge usage__default' }, 'default') : null,
        el('span', { class: 'small muted usage__model-id' }, m.id)),
      el('td', null, m.speed ?? ''),
      el('td', { class: 'num' }, usd(m.inputPerMTok)),
      el('td', { class: 'num' }, usd(m.outputPerMTok)),
      el('td', { class: m.keyConfigured ? 'text-ok' : 'muted' }, m.keyConfigured ? '✓ set' : 'not set'))))));
}

/** @param {string} day "2026-11-29" */
function formatDay(day) {
  const parsed = Date.parse(`${day}T00:00:00`);
  return Number.isNaN(parsed) ? day : dayLabel.format(parsed);
}
