import { el } from '../ui/dom.js';
import { externalLink } from '../ui/links.js';
import { dateTime } from '../ui/format.js';
import { path } from '../router.js';
import { photoUrls } from '../library/photos-api.js';
import { statusBadge } from './card-status.js';

// The side of the photo modal: download/open actions and the facts list
// (status, album, folder, capture date, size, file, caption, keywords).

/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */

/** @param {number | null | undefined} bytes */
function fileSize(bytes) {
  if (!bytes || bytes <= 0) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: unit > 1 ? 1 : 0 })} ${units[unit]}`;
}

/**
 * A definition list row, left out when there is no value.
 * @param {string} term
 * @param {import('../ui/dom.js').Children} value
 */
function row(term, value) {
  if (value === null || value === undefined || value === '' || value === false) return null;
  return el('div', { class: 'photo-info__row' }, el('dt', null, term), el('dd', null, value));
}

/**
 * @param {string} status
 * @param {string | null | undefined} error
 */
export function statusText(status, error) {
  switch (status) {
    case 'completed': return 'Described';
    case 'not_processed': return 'Not described yet';
    case 'queued': return 'Queued';
    case 'processing': return 'Being described';
    case 'failed': return error ? `Failed: ${error}` : 'Failed';
    default: return 'Not synced';
  }
}

/**
 * The status line's content (badge and words).
 * @param {PhotoSummary} photo
 */
export function statusLine(photo) {
  return [statusBadge(photo, { interactive: false }), ' ', statusText(photo.status, photo.statusError)];
}

/**
 * Download and "Open on SmugMug" links of a synced photo.
 * @param {number | string} id
 * @param {PhotoDetail | null} detail
 * @param {{ width?: number | null, height?: number | null }} size
 */
export function photoActions(id, detail, size) {
  const original = detail?.originalUrl || photoUrls.original(id);
  return el('div', { class: 'button-row photo-modal__actions' },
    el('a', { class: 'btn btn--primary btn--small', href: original, download: '', 'data-testid': 'download-original' },
      size.width && size.height ? `Download original (${size.width}×${size.height})` : 'Download original'),
    externalLink(detail?.webUri, { class: 'btn btn--secondary btn--small', 'data-testid': 'open-on-smugmug' }, 'Open on SmugMug'),
  );
}

/**
 * The facts list; rows without a value are left out.
 * @param {PhotoSummary} summary
 * @param {PhotoDetail | null} detail
 */
export function photoFacts(summary, detail) {
  const width = detail?.width ?? summary.width;
  const height = detail?.height ?? summary.height;
  const captured = detail?.capturedAt ?? summary.capturedAt;
  const albumLink = detail?.albumKey
    // Following it closes the dialog first (the router replaces the page behind it).
    ? el('a', { href: path`/library/album/${detail.albumKey}`, 'data-close-modal': '' }, detail.albumName || detail.albumKey)
    : detail?.albumName ?? null;
  const status = { ...summary, status: detail?.status ?? summary.status, statusError: detail?.statusError ?? summary.statusError };
  return el('dl', { class: 'photo-info' },
    row('Status', el('span', { class: 'photo-info__status' }, statusLine(status))),
    row('Album', albumLink),
    row('Folder', detail?.folderPath || null),
    row('Captured', captured ? [dateTime(captured),
      detail?.capturedAtIsUploadDate ? el('span', { class: 'photo-info__mark', title: 'The photo has no capture date; this is when it was uploaded.' }, ' (upload date)') : null] : null),
    row('Dimensions', width && height ? `${width.toLocaleString()} × ${height.toLocaleString()}` : ''),
    row('File', [detail?.fileName, detail?.format, fileSize(detail?.sizeBytes)].filter(Boolean).join(' • ')),
    row('Caption', detail?.caption ?? summary.caption ?? null),
    row('SmugMug keywords', detail?.keywords?.length ? detail.keywords.join(', ') : null),
  );
}
