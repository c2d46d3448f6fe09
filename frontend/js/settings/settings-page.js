import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { refresh } from '../router.js';
import { getSettings } from './settings-api.js';
import { mountKeySettings } from './keys-section.js';
import { mountPromptSettings } from './prompts-section.js';
import { mountBatchSettings } from './batches-section.js';
import { mountCacheSettings } from './cache-section.js';
import { mountStatsSettings } from './stats-section.js';
import { mountMcpSettings } from '../chat/mcp-section.js';
import { mountVisualSettings } from './visual-section.js';
import { mountSecuritySettings } from './security-section.js';
import { mountAutopilotSettings } from '../autopilot/autopilot-tab.js';
import { mountFirstRun } from '../onboarding/first-run.js';

// Settings in tabs, one section at a time (the single page was 4,000+ px).
// The tab is in the URL (?tab=…) so reload and links keep it; a section is
// built the first time its tab is shown. Tabs follow the ARIA pattern: ←/→,
// Home/End move between tabs, Tab moves into the panel.

/** @typedef {import('./settings-api.js').Settings} Settings */

/**
 * @typedef {Object} Tab
 * @property {string} id the ?tab= value
 * @property {string} label
 * @property {string} panelId the panel's id (stable: tests and links use it)
 * @property {(panel: HTMLElement, settings: Settings, signal: AbortSignal) => void | (() => void)} mount
 */

/** @type {Tab[]} */
const TABS = [
  { id: 'keys', label: 'Keys & provider', panelId: 'settings-keys', mount: (panel, settings) => mountKeySettings(panel, settings) },
  { id: 'prompts', label: 'Prompt', panelId: 'settings-prompts', mount: (panel, _s, signal) => mountPromptSettings(panel, signal) },
  { id: 'work', label: 'Background work', panelId: 'settings-batches', mount: (panel, _s, signal) => mountBatchSettings(panel, signal) },
  { id: 'cache', label: 'Cache', panelId: 'settings-cache', mount: (panel, _s, signal) => mountCacheSettings(panel, signal) },
  { id: 'usage', label: 'Usage & stats', panelId: 'settings-stats', mount: (panel, _s, signal) => mountStatsSettings(panel, signal) },
  { id: 'mcp', label: 'MCP', panelId: 'settings-mcp', mount: (panel, _s, signal) => mountMcpSettings(panel, signal) },
  { id: 'visual', label: 'Visual search', panelId: 'settings-visual', mount: (panel, _s, signal) => mountVisualSettings(panel, signal) },
  { id: 'sign-in', label: 'Sign-in', panelId: 'settings-sign-in', mount: (panel) => mountSecuritySettings(panel) },
  { id: 'autopilot', label: 'Autopilot', panelId: 'settings-autopilot', mount: (panel, _s, signal) => mountAutopilotSettings(panel, signal) },
];

/** @type {import('../router.js').View} */
export async function settingsView(container, ctx) {
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading settings…');
  // The owner lands here after setup: what to do next comes first.
  const firstRun = el('div');
  container.append(
    el('header', { class: 'page-header' },
      el('h1', { class: 'page-title' }, 'Settings'),
      el('p', { class: 'page-subtitle' }, 'AI provider, API keys, the description prompt, background work and usage.'),
    ),
    firstRun,
    status,
  );

  // The checklist and the tabs appear in one step, the tabs in a new element where the status line was: otherwise the
  // checklist would push what is already on screen down.
  const checklist = mountFirstRun(firstRun, ctx.signal);
  const content = el('div', { class: 'stack' });
  /** @type {Settings} */
  let settings;
  try {
    [settings] = await Promise.all([getSettings(ctx.signal), checklist.ready]);
  } catch (err) {
    checklist.stop();
    if (ctx.signal.aborted) return;
    checklist.show();
    status.replaceWith(content);
    replaceChildren(content, el('div', { class: 'empty-state' },
      el('p', { class: 'empty-state__title' }, 'Settings could not be loaded.'),
      el('p', { class: 'muted' }, errorMessage(err)),
      el('button', { type: 'button', class: 'btn btn--secondary', on: { click: () => void refresh() } }, 'Try again'),
    ));
    return;
  }

  if (ctx.signal.aborted) return checklist.stop;
  checklist.show();
  status.replaceWith(content);
  /** @type {(() => void)[]} */
  const cleanups = [checklist.stop];
  /** @type {Set<string>} */
  const mounted = new Set();
  const tabs = TABS.map((tab) => el('button', {
    type: 'button', role: 'tab', id: `${tab.panelId}-tab`, class: 'settings-tabs__tab',
    'aria-controls': tab.panelId, 'aria-selected': 'false', tabindex: '-1', dataset: { tab: tab.id },
  }, tab.label));
  const panels = TABS.map((tab) => el('div', {
    role: 'tabpanel', id: tab.panelId, class: 'settings-panel', 'aria-labelledby': `${tab.panelId}-tab`, tabindex: '0', hidden: true,
  }));
  const tablist = el('div', { class: 'settings-tabs', role: 'tablist', 'aria-label': 'Settings sections' }, tabs);
  replaceChildren(content, el('div', { class: 'settings-layout' }, tablist, el('div', { class: 'settings-panels' }, panels)));

  /**
   * @param {number} index
   * @param {boolean} focus
   */
  function select(index, focus) {
    TABS.forEach((tab, i) => {
      const on = i === index;
      tabs[i].setAttribute('aria-selected', String(on));
      tabs[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
      if (on && !mounted.has(tab.id)) {
        mounted.add(tab.id);
        const cleanup = tab.mount(panels[i], settings, ctx.signal);
        if (typeof cleanup === 'function') cleanups.push(cleanup);
      }
    });
    if (focus) tabs[index].focus();
    const url = new URL(window.location.href);
    if (index === 0) url.searchParams.delete('tab');
    else url.searchParams.set('tab', TABS[index].id);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  tablist.addEventListener('click', (event) => {
    const index = tabs.indexOf(/** @type {HTMLButtonElement} */ (/** @type {HTMLElement} */ (event.target).closest('[role="tab"]')));
    if (index >= 0) select(index, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const current = tabs.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (current < 0) return;
    const last = tabs.length - 1;
    const forward = current === last ? 0 : current + 1;
    const back = current === 0 ? last : current - 1;
    // Vertical on wide screens, a row on narrow ones: both arrow pairs work.
    const next = { ArrowRight: forward, ArrowDown: forward, ArrowLeft: back, ArrowUp: back, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next, true);
  });

  select(Math.max(0, TABS.findIndex((t) => t.id === ctx.query.get('tab'))), false);
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}
