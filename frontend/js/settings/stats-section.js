import { el, replaceChildren, uid } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import * as events from '../events.js';
import { getModels } from '../processing/processing-api.js';
import { getUsage } from '../processing/usage-api.js';
import { getStats } from '../library/library-api.js';
import { libraryTiles, modelsTable, usageBody } from './stats-render.js';

// Settings → Statistics: how much of the library is synced, described and
// embedded, what the AI has cost per model and per day, and the price table the
// estimates use. Refreshed when a batch finishes (pushed), never on a timer.

const DAY_CHOICES = [7, 30, 90];

/**
 * Renders statistics and usage into `#settings-stats`.
 * @param {HTMLElement} section
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountStatsSettings(section, signal) {
  const headingId = uid('stats-heading');
  section.setAttribute('aria-labelledby', headingId);
  const library = el('div', { class: 'stats-grid' });
  const daysId = uid('usage-days');
  const days = el('select', { id: daysId, class: 'usage__days' }, DAY_CHOICES.map((d) => el('option', { value: String(d) }, `Last ${d} days`)));
  days.value = '30';
  const usage = el('div', { class: 'usage__body', 'aria-live': 'polite' });
  const models = el('div', { class: 'usage__models' });

  // The three cards appear together once all three answered: filled one by one, each would push the next down.
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading statistics…');
  replaceChildren(section, el('h2', { class: 'section-title', id: headingId }, 'Statistics and AI usage'), status);
  const cards = [
    el('div', { class: 'card stats' }, el('h3', { class: 'stats__title' }, 'Library'), library),
    el('div', { class: 'card usage' },
      el('div', { class: 'usage__head' },
        el('h3', { class: 'stats__title' }, 'AI usage and cost'),
        el('label', { class: 'visually-hidden', for: daysId }, 'Period'), days),
      usage),
    el('div', { class: 'card usage' }, el('h3', { class: 'stats__title' }, 'Models and prices'), models),
  ];

  async function loadLibrary() {
    try {
      const s = await getStats(signal);
      if (signal.aborted) return;
      replaceChildren(library, libraryTiles(s));
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(library, el('p', { class: 'text-fail' }, `Statistics could not be loaded: ${errorMessage(err)}`));
    }
  }

  async function loadUsage() {
    try {
      const u = await getUsage(Number(days.value), signal);
      if (signal.aborted) return;
      replaceChildren(usage, ...usageBody(u));
    } catch (err) {
      if (signal.aborted) return;
      replaceChildren(usage, el('p', { class: 'text-fail' }, `Usage could not be loaded: ${errorMessage(err)}`));
    }
  }

  async function loadModels() {
    try {
      const list = await getModels(signal);
      if (signal.aborted) return;
      replaceChildren(models, modelsTable(list));
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

  void Promise.all([loadLibrary(), loadUsage(), loadModels()]).then(() => {
    if (!signal.aborted) status.replaceWith(...cards);
  });
  return () => {
    clearTimeout(timer);
    offProgress();
    offState();
  };
}
