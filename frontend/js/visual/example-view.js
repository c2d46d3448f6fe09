import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { getEmbeddingStats, getSimilar, searchByExample } from './visual-api.js';
import { modelNotice } from './model-status.js';
import { visualHits } from './visual-hits.js';

// /visual: search by example — upload a picture, or (?photo=ID, from the photo
// modal's "Similar" strip) start from a library photo — and see what looks like it.

/** @type {import('../router.js').View} */
export function exampleView(container, ctx) {
  const results = el('div', { class: 'visual-results', 'aria-live': 'polite' });
  const input = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', id: 'visual-example-file' });
  const form = el('form', { class: 'visual-upload' },
    el('label', { for: 'visual-example-file' }, 'Find photos that look like a picture'),
    input,
    el('button', { type: 'submit', class: 'btn btn--primary' }, 'Search'));
  const notice = el('div');
  replaceChildren(container, el('div', { class: 'page visual-page' },
    el('h1', {}, 'Search by example'),
    el('p', { class: 'muted' }, 'Upload a picture, or open a photo and choose "More like this". ',
      el('a', { href: '/duplicates' }, 'Find near-duplicates')),
    notice, form, results));

  /**
   * @param {string} label
   * @param {() => Promise<{ items: import('./visual-api.js').VisualHit[] }>} load
   */
  async function show(label, load) {
    replaceChildren(results, el('p', { class: 'muted' }, 'Searching…'));
    try {
      const found = await load();
      replaceChildren(results, el('h2', {}, label),
        found.items.length ? visualHits(found.items) : el('p', { class: 'muted' }, 'Nothing similar found.'));
    } catch (err) {
      if (!ctx.signal.aborted) replaceChildren(results, el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      replaceChildren(results, el('p', { class: 'alert alert--error', role: 'alert' }, 'Choose an image file first.'));
      return;
    }
    void show(`Photos that look like ${file.name}`, () => searchByExample(file, ctx.signal));
  });

  const photo = ctx.query.get('photo');
  getEmbeddingStats(ctx.signal).then((stats) => {
    if (!stats.status.enabled) {
      form.hidden = true;
      replaceChildren(notice, modelNotice(stats.status));
    } else if (photo && /^\d+$/.test(photo)) {
      void show('Photos that look like this one', () => getSimilar(photo, 48, ctx.signal));
    }
  }).catch((err) => {
    if (!ctx.signal.aborted) replaceChildren(notice, el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)));
  });
}
