import { el } from './dom.js';

/**
 * A plain "not built yet" page for features that later work replaces.
 * @param {HTMLElement} container
 * @param {{ title: string, text: string, extra?: Node | null }} options
 */
export function renderPlaceholder(container, options) {
  container.append(
    el('header', { class: 'page-header' }, el('h1', { class: 'page-title' }, options.title)),
    el('div', { class: 'empty-state card' },
      el('p', { class: 'empty-state__title' }, 'Coming soon'),
      el('p', { class: 'muted' }, options.text),
      options.extra ?? null,
    ),
  );
}
