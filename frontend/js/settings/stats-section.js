import { el, scrollable, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { createProgressBar } from '../ui/progress.js';
import { plural } from '../ui/format.js';
import { getModels, getUsage } from '../processing/processing-api.js';
import { getStats } from '../library/library-api.js';
import { compactCount, count, percent, usd } from '../processing/format.js';

// Settings → Statistics: how much of the library is synced, described and
// embedded, what the AI has cost per model and per day, and the price table the
// estimates use. Refreshed when a batch finishes (pushed), never on a timer.

const DAY_CHOICES = [7, 30, 90];
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * Renders statistics and usage into `#settings-stats`.
 * @param {HTMLElement} section
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountStatsSettings(section, signal) {
  const headingId = uid('stats-heading');
  section.setAttribute('aria-labelledby', headingId);
  const library = el('div', { class: 'stats-grid' }, el('p', { class: 'muted' }, 'Loading statistics…'));
  const daysId = uid('usage-days');
  const days = el('select', { id: daysId, class: 'usage__days' }, DAY_CHOICES.map((d) => el('option', { value: String(d) }, `Last ${d} days`)));
  days.value = '30';
  const usage = el('div', { class: 'usage__body', 'aria-live': 'polite' }, el('p', { class: 'muted' }, 'Loading usage…'));
  const models = el('div', { class: 'usage__models' });

  replaceChildren(section,
    el('h2', { class: 'section-title', id: headingId }, 'Statistics and AI usage'),
    el('div', { class: 'card stats' }, el('h3', { class: 'stats__title' }, 'Library'), library),
    el('div', { class: 'card usage' },
      el('div', { class: 'usage__head' },
        el('h3', { class: 'stats__title' }, 'AI usage and cost'),
        el('label', { class: 'visually-hidden', for: daysId }, 'Period'), days),
      usage),
    el('div', { class: 'card usage' }, el('h3', { class: 'stats__title' }, 'Models and prices'), models));

  async function loadLibrary() {
    try {
      const s = await getStats(signal);
      if (signal.aborted) return;
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
      replaceChildren(library, tiles
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
        }));
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(library, el('p', { class: 'text-fail' }, `Statistics could not be loaded: ${errorMessage(err)}`));
    }
  }

  async function loadUsage() {
    try {
      const u = await getUsage(Number(days.value), signal);
      if (signal.aborted) return;
      const t = u.totals ?? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
      const byModel = u.byModel ?? [];
      const byDay = u.byDay ?? [];
      const maxCost = Math.max(0, ...byDay.map((d) => d.costUsd));
      replaceChildren(usage,
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
          : null);
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(usage, el('p', { class: 'text-fail' }, `Usage could not be loaded: ${errorMessage(err)}`));
    }
  }

  async function loadModels() {
    try {
      const list = await getModels(signal);
      if (signal.aborted) return;
      replaceChildren(models, scrollable('Models and prices', el('table', { class: 'data-table' },
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
          el('td', { class: m.keyConfigured ? 'text-ok' : 'muted' }, m.keyConfigured ? '✓ set' : 'not set')))))));
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(models, el('p', { class: 'text-fail' }, `Models could not be loaded: ${errorMessage(err)}`));
    }
  }

  days.addEventListener('change', () => void loadUsage());

  // A finished batch changes the counts and the costs; coalesce bursts of events into one reload.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void loadLibrary();
      void loadUsage();
    }, 1000);
  };
  const offProgress = events.subscribe('batch.progress', (batch) => {
    if (batch && typeof batch === 'object' && batch.status !== 'running' && batch.status !== 'paused') refreshSoon();
  });
  const offState = events.onStateChange((state) => { if (state === 'open') refreshSoon(); });

  void loadLibrary();
  void loadUsage();
  void loadModels();
  return () => {
    clearTimeout(timer);
    offProgress();
    offState();
  };
}

/** @param {string} day "2026-11-29" */
function formatDay(day) {
  const parsed = Date.parse(`${day}T00:00:00`);
  return Number.isNaN(parsed) ? day : dayLabel.format(parsed);
}
