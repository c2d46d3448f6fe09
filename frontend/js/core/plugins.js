import { createStore } from './store.js';

// The one way a feature extends the photo screens (Library today; Search,
// Chat and Collections reuse the same grid, bar and modal). A plugin is a
// plain object; each screen asks for the hooks it hosts. Features never touch
// another feature's DOM, and the host never imports a feature.
//
//   registerPlugin({
//     name: 'ai',
//     photoPanel: { label: 'AI description', mount: (section, photo) => cleanup },
//     albumActions: (album) => [{ id, label, primary?, run }],
//     selectionActions: (ctx) => [{ id, label: (sel) => …, primary?, enabled?: (sel) => …, run }],
//     photoSetActions: (ctx) => [{ id, label, run }],  // a fixed set, e.g. a chat answer's cited photos
//     describePhotos: (photoIds) => true,   // a click on an undescribed/failed badge
//   });

/** @typedef {import('./plugin-types.js').Action} Action */
/** @typedef {import('./plugin-types.js').AlbumContext} AlbumContext */
/** @typedef {import('./plugin-types.js').SelectionContext} SelectionContext */
/** @typedef {import('./plugin-types.js').PhotoSetContext} PhotoSetContext */
/** @typedef {import('./plugin-types.js').Plugin} Plugin */
/** @typedef {import('./plugin-types.js').PhotoSummary} PhotoSummary */

const plugins = createStore(/** @type {Plugin[]} */ ([]), { name: 'plugins' });

/**
 * @param {Plugin} plugin
 * @returns {() => void} unregister
 */
export function registerPlugin(plugin) {
  plugins.update((list) => [...list.filter((p) => p.name !== plugin.name), plugin]);
  return () => plugins.update((list) => list.filter((p) => p !== plugin));
}

/** @returns {Plugin[]} in registration order */
export function getPlugins() {
  return plugins.get();
}

/**
 * Every plugin's answer to one action hook, with a failing plugin left out instead of breaking the screen.
 * @template C
 * @param {'albumActions' | 'selectionActions' | 'photoSetActions'} hook
 * @param {C} context
 * @returns {Action[]}
 */
export function collectActions(hook, context) {
  /** @type {Action[]} */
  const actions = [];
  for (const plugin of plugins.get()) {
    const provide = /** @type {((context: C) => Action[]) | undefined} */ (plugin[hook]);
    if (!provide) continue;
    try {
      actions.push(...provide(context));
    } catch (err) {
      console.error(`plugins: ${plugin.name}.${hook} failed`, err);
    }
  }
  return actions;
}

/**
 * Asks the plugins to describe photos.
 * @param {(number | string)[]} photoIds
 * @returns {boolean} whether one took the request
 */
export function requestDescribe(photoIds) {
  return plugins.get().some((p) => {
    try {
      return p.describePhotos?.(photoIds) === true;
    } catch (err) {
      console.error(`plugins: ${p.name}.describePhotos failed`, err);
      return false;
    }
  });
}

/**
 * Notified when plugins are added or removed (hosts re-render their actions).
 * @param {() => void} listener
 * @returns {() => void}
 */
export function onPluginsChange(listener) {
  return plugins.subscribe(() => listener());
}

/**
 * Whether any plugin marks the photo (the star on cards: in a collection).
 * @param {PhotoSummary} photo
 * @returns {boolean}
 */
export function isPhotoMarked(photo) {
  return plugins.get().some((p) => {
    try {
      return p.marksPhoto?.(photo) === true;
    } catch (err) {
      console.error(`plugins: ${p.name}.marksPhoto failed`, err);
      return false;
    }
  });
}

const marks = createStore(0, { name: 'photo-marks' });

/** A plugin's marks changed (e.g. photos were added to a collection): grids update their cards. */
export function notifyMarksChanged() {
  marks.update((n) => n + 1);
}

/**
 * @param {() => void} listener
 * @returns {() => void}
 */
export function onMarksChange(listener) {
  return marks.subscribe(() => listener());
}
