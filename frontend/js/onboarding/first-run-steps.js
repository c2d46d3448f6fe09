import { el, icon } from '../ui/dom.js';

// The first-run checklist's steps, their local flags and one step's item.
// Each step is checked from the server's real state (see first-run.js).

export const DISMISSED_KEY = 'tv.firstRun.dismissed';
// The server keeps no search history, so running a search (the Search page
// with words) is what counts for the last step; markSearchVisited() records it.
export const SEARCHED_KEY = 'tv.firstRun.searched';

/**
 * @typedef {Object} FirstRunState
 * @property {import('../settings/settings-api.js').Settings | null} settings
 * @property {import('../smugmug/account.js').SmugMugAccount | null} account
 * @property {{ albums: number, described: number } | null} stats
 *
 * @typedef {Object} Step
 * @property {string} id
 * @property {string} title
 * @property {string} hint
 * @property {string} href
 * @property {string} linkText
 * @property {(state: FirstRunState) => boolean} done
 */

/** @type {Step[]} */
export const STEPS = [
  {
    id: 'smugmug-key', title: 'Add your SmugMug API key and secret', linkText: 'Open Keys',
    hint: 'From your SmugMug developer account; TargetVision needs them to talk to SmugMug.',
    href: '/settings?tab=keys',
    done: (s) => Boolean(s.settings?.secrets.smugMugApiKey?.isSet && s.settings?.secrets.smugMugApiSecret?.isSet),
  },
  {
    id: 'connect', title: 'Connect SmugMug', linkText: 'Open Library',
    hint: 'SmugMug asks you to allow access, then brings you back here.',
    href: '/library', done: (s) => Boolean(s.account?.connected),
  },
  {
    id: 'sync', title: 'Sync an album', linkText: 'Browse albums',
    hint: 'Open an album in the Library and press “Sync album” to copy its photo details here.',
    href: '/library', done: (s) => (s.stats?.albums ?? 0) > 0,
  },
  {
    id: 'ai-key', title: 'Add an AI key', linkText: 'Open Keys',
    hint: 'An Anthropic or OpenAI key writes the photo descriptions.',
    href: '/settings?tab=keys',
    done: (s) => Boolean(s.settings?.secrets.anthropicApiKey?.isSet || s.settings?.secrets.openAiApiKey?.isSet),
  },
  {
    id: 'describe', title: 'Describe photos', linkText: 'Open Library',
    hint: 'In a synced album, “Describe album…” shows the cost first and then describes the photos.',
    href: '/library', done: (s) => (s.stats?.described ?? 0) > 0,
  },
  {
    id: 'search', title: 'Search your photos', linkText: 'Open Search',
    hint: 'Find photos by what is in them.',
    href: '/search', done: () => readFlag(SEARCHED_KEY),
  },
];

/** @param {string} key */
export function readFlag(key) {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** @param {string} key */
export function writeFlag(key) {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // Storage may be off (private mode); the checklist then just comes back.
  }
}

/**
 * @param {Step} step
 * @param {boolean} done
 * @param {boolean} current
 */
export function stepItem(step, done, current) {
  const state = done ? 'done' : current ? 'current' : 'todo';
  const item = el('li', { class: `first-run__step first-run__step--${state}`, dataset: { step: step.id, state } },
    el('span', { class: 'first-run__mark' }, done ? icon('check') : null),
    el('span', { class: 'first-run__name' }, step.title, el('span', { class: 'visually-hidden' }, done ? ' (done)' : current ? ' (next)' : '')),
  );
  if (current) {
    item.setAttribute('aria-current', 'step');
    item.append(el('div', { class: 'first-run__detail' },
      el('p', { class: 'muted small' }, step.hint),
      el('a', { href: step.href, class: 'btn btn--primary btn--small' }, step.linkText),
    ));
  }
  return item;
}
