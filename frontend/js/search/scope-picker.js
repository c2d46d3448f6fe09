import { el, uid } from '../ui/dom.js';

// The album and folder pickers: synced albums grouped by folder, and every
// folder on their paths ("Travel", "Travel / Europe"); a folder covers its
// sub-folders.

/** @typedef {import('./search-api.js').SyncedAlbum} SyncedAlbum */

/**
 * Every folder path and its ancestors, sorted.
 * @param {SyncedAlbum[]} albums
 * @returns {string[]}
 */
export function folderPaths(albums) {
  const paths = new Set();
  for (const album of albums) {
    const parts = album.folderPath.split(' / ').filter(Boolean);
    for (let i = 1; i <= parts.length; i += 1) paths.add(parts.slice(0, i).join(' / '));
  }
  return [...paths].sort((a, b) => a.localeCompare(b));
}

/**
 * @param {string} label
 * @param {HTMLSelectElement} select
 */
function labelled(label, select) {
  select.id = uid('scope');
  return el('div', { class: 'field' }, el('label', { class: 'field__label', for: select.id }, label), select);
}

/**
 * @param {Object} options
 * @param {string[]} options.albums selected album keys
 * @param {string} options.folder
 * @param {(change: { albums?: string[], folder?: string }) => void} options.onChange
 * @returns {{ element: HTMLElement, setAlbums: (albums: SyncedAlbum[]) => void }}
 */
export function createScopePicker(options) {
  const albumSelect = el('select', { name: 'album' }, el('option', { value: '' }, 'Any album'));
  const folderSelect = el('select', { name: 'folder' }, el('option', { value: '' }, 'Any folder'));
  albumSelect.addEventListener('change', () => options.onChange({ albums: albumSelect.value ? [albumSelect.value] : [] }));
  folderSelect.addEventListener('change', () => options.onChange({ folder: folderSelect.value }));

  /** Keeps a value from the URL selectable before (or without) the list. */
  function keep(/** @type {HTMLSelectElement} */ select, /** @type {string} */ value, /** @type {string} */ text) {
    if (value && ![...select.options].some((o) => o.value === value)) select.append(el('option', { value }, text));
    select.value = value;
  }

  function setAlbums(/** @type {SyncedAlbum[]} */ albums) {
    /** @type {Map<string, SyncedAlbum[]>} */
    const byFolder = new Map();
    for (const album of albums) byFolder.set(album.folderPath, [...(byFolder.get(album.folderPath) ?? []), album]);
    albumSelect.replaceChildren(el('option', { value: '' }, 'Any album'),
      ...[...byFolder].map(([folder, list]) => el('optgroup', { label: folder || 'Top level' },
        list.map((a) => el('option', { value: a.albumKey }, `${a.name || 'Untitled album'} (${a.photoCount.toLocaleString()})`)))));
    folderSelect.replaceChildren(el('option', { value: '' }, 'Any folder'),
      ...folderPaths(albums).map((path) => el('option', { value: path }, path)));
    keep(albumSelect, options.albums[0] ?? '', options.albums[0] ?? '');
    keep(folderSelect, options.folder, options.folder);
  }

  keep(albumSelect, options.albums[0] ?? '', options.albums[0] ?? '');
  keep(folderSelect, options.folder, options.folder);
  return { element: el('div', { class: 'search-scope' }, labelled('Album', albumSelect), labelled('Folder', folderSelect)), setAlbums };
}
