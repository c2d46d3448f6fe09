import { el } from '../ui/dom.js';
import { createProgressBar } from '../ui/progress.js';
import { toast, toastError } from '../ui/toast.js';
import { getRaw } from '../api.js';
import { downloadUrl } from './collections-api.js';

// "Download ZIP": the server streams the ZIP as the originals arrive; the page
// counts the bytes against the originals' total (the server sends it, since no
// Content-Length exists in advance) and Cancel closes the connection, which
// stops the server fetching.

/** @param {number} id */
export function createDownload(id) {
  /** @type {AbortController | null} */
  let running = null;
  const button = el('button', { type: 'button', class: 'btn btn--secondary btn--small', 'data-action': 'download' }, 'Download ZIP');
  const cancel = el('button', { type: 'button', class: 'btn btn--ghost btn--small', hidden: true, 'data-action': 'cancel-download' }, 'Cancel download');
  const bar = createProgressBar({ label: 'Downloading', compact: false });
  bar.element.hidden = true;
  const element = el('div', { class: 'collection-download' }, button, cancel, bar.element);

  button.addEventListener('click', () => void start());
  cancel.addEventListener('click', () => running?.abort());

  async function start() {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    button.disabled = true;
    cancel.hidden = false;
    bar.element.hidden = false;
    bar.indeterminate('Preparing the ZIP');
    try {
      const response = await getRaw(downloadUrl(id), { signal: controller.signal });
      const expected = Number(response.headers.get('X-Expected-Bytes') ?? 0);
      const name = fileName(response.headers.get('Content-Disposition')) ?? 'collection.zip';
      const reader = /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (response.body?.getReader());
      /** @type {BlobPart[]} */
      const parts = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(/** @type {Uint8Array<ArrayBuffer>} */ (value));
        received += value.byteLength;
        if (expected > 0) bar.update(Math.min(received, expected), expected, 'Downloading');
        else bar.indeterminate(`Downloading — ${(received / 1e6).toFixed(1)} MB`);
      }
      save(new Blob(parts, { type: 'application/zip' }), name);
      toast.success(`Downloaded ${name}.`);
    } catch (err) {
      if (controller.signal.aborted) toast.info('Download cancelled.');
      else toastError(err, 'The download failed');
    } finally {
      running = null;
      button.disabled = false;
      cancel.hidden = true;
      bar.element.hidden = true;
    }
  }

  return { element, cancel: () => running?.abort() };
}

/** @param {Blob} blob @param {string} name */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The UTF-8 name from a Content-Disposition header (RFC 6266 filename*), else the plain one.
 * @param {string | null} header
 * @returns {string | null}
 */
export function fileName(header) {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1] : null;
}
