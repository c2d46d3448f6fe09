import { el, replaceChildren } from '../ui/dom.js';
import { errorMessage } from '../api.js';
import { navigate } from '../router.js';
import { dateTime } from '../ui/format.js';
import { toast, toastError } from '../ui/toast.js';
import { dismissDuplicates, getDuplicates, getEmbeddingStats } from './visual-api.js';
import { modelNotice } from './model-status.js';

// /duplicates: groups of near-identical photos side by side (size, date,
// album) so the owner can pick which to keep; "Not duplicates" is remembered.

const THRESHOLDS = [['0.98', 'Nearly identical'], ['0.95', 'Very similar'], ['0.9', 'Similar']];

/** @param {number | null} bytes */
function size(bytes) {
  return bytes == null ? '' : bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** @param {import('./visual-api.js').DuplicatePhoto} p */
function photoCard(p) {
  const name = p.title || p.fileName || `Photo ${p.photoId}`;
  return el('li', { class: 'duplicate-photo' },
    el('a', { href: `/visual?photo=${p.photoId}` }, el('img', { src: p.thumbnailUrl, alt: name, loading: 'lazy', width: 150, height: 150 })),
    el('span', { class: 'duplicate-photo__name' }, name),
    el('span', { class: 'muted' }, [p.width && p.height ? `${p.width}×${p.height}` : '', size(p.sizeBytes)].filter(Boolean).join(' · ')),
    el('span', { class: 'muted' }, p.capturedAt ? dateTime(p.capturedAt) : 'No date'),
    el('span', { class: 'muted' }, p.albumName));
}

/** @type {import('../router.js').View} */
export function duplicatesView(container, ctx) {
  const threshold = THRESHOLDS.some(([v]) => v === ctx.query.get('threshold')) ? String(ctx.query.get('threshold')) : '0.95';
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const select = el('select', { id: 'duplicate-threshold' }, ...THRESHOLDS.map(([value, label]) => el('option', { value, selected: value === threshold }, label)));
  select.addEventListener('change', () => navigate(`/duplicates?threshold=${select.value}`));
  const body = el('div', { class: 'duplicates', 'aria-live': 'polite' }, el('p', { class: 'muted' }, 'Comparing photos…'));
  replaceChildren(container, el('div', { class: 'page visual-page' },
    el('h1', {}, 'Near-duplicates'),
    el('p', { class: 'toolbar' }, el('label', { for: 'duplicate-threshold' }, 'Show '), select, ' ', el('a', { href: '/visual' }, 'Search by example')),
    body));

  /** @param {import('./visual-api.js').DuplicateGroup} group @param {HTMLElement} item */
  async function dismiss(group, item) {
    try {
      await dismissDuplicates(group.photos.map((p) => p.photoId));
      item.remove();
      toast.success('Marked as not duplicates.');
    } catch (err) {
      toastError(err, 'Could not save that');
    }
  }

  async function load() {
    const stats = await getEmbeddingStats(ctx.signal);
    if (!stats.status.enabled) {
      replaceChildren(body, modelNotice(stats.status));
      return;
    }
    const result = await getDuplicates(Number(threshold), page, ctx.signal);
    if (result.items.length === 0) {
      replaceChildren(body, el('p', { class: 'muted' }, 'No near-duplicates at this level.'));
      return;
    }
    const list = el('ol', { class: 'duplicate-groups' });
    for (const group of result.items) {
      const item = el('li', { class: 'duplicate-group' });
      const button = el('button', { type: 'button', class: 'btn' }, 'Not duplicates');
      button.addEventListener('click', () => void dismiss(group, item));
      item.append(el('p', {}, `${group.photos.length} photos, at least ${Math.round(group.minSimilarity * 100)} % similar `, button),
        el('ul', { class: 'duplicate-photos' }, ...group.photos.map(photoCard)));
      list.append(item);
    }
    const pager = el('p', { class: 'pager' }, `${result.total} group(s), page ${result.page} of ${result.totalPages} `,
      page > 1 ? el('a', { href: `/duplicates?threshold=${threshold}&page=${page - 1}` }, 'Previous') : null, ' ',
      result.hasNext ? el('a', { href: `/duplicates?threshold=${threshold}&page=${page + 1}` }, 'Next') : null);
    replaceChildren(body, list, pager);
  }
  load().catch((err) => {
    if (!ctx.signal.aborted) replaceChildren(body, el('p', { class: 'alert alert--error', role: 'alert' }, errorMessage(err)));
  });
}
