// The plugin contract (see plugins.js for the registry): what a plugin may
// provide, what each host hands it, and the Action a host renders. Types only;
// plugins.js re-exports them, so `import('../core/plugins.js').Action` keeps working.

/** @typedef {import('../photos/selection.js').Selection} Selection */
/** @typedef {import('../photos/selection.js').SelectionStore} SelectionStore */
/** @typedef {import('../library/library-api.js').PhotoSummary} PhotoSummary */
/** @typedef {import('../library/library-api.js').PhotoDetail} PhotoDetail */
/** @typedef {import('../library/library-api.js').AlbumInfo} AlbumInfo */

/**
 * A command a host renders as a button or a menu item. At most one action per host is shown as the primary button.
 * @typedef {Object} Action
 * @property {string} id stable, used as data-action
 * @property {string | ((selection: Selection) => string)} label
 * @property {boolean} [primary] wants to be the host's one primary button
 * @property {(selection: Selection) => boolean} [enabled]
 * @property {() => void | Promise<unknown>} run the host shows the control busy until a returned promise settles
 */

/**
 * @typedef {Object} AlbumContext
 * @property {string} albumKey
 * @property {AlbumInfo} album
 * @property {() => PhotoSummary[]} photos the album's photos as shown (after the filter), in order
 * @property {AbortSignal} signal aborted when the user leaves the album
 * @property {() => Promise<boolean>} sync syncs the album as its Sync button does; true once that sync completed
 */

/**
 * @typedef {Object} SelectionContext
 * @property {SelectionStore} selection
 * @property {() => PhotoSummary[]} photos the photos on screen, in order
 */

/**
 * A fixed set of photos a screen shows as a whole (a chat answer's cited photos), not a user selection.
 * @typedef {Object} PhotoSetContext
 * @property {(number | string)[]} photoIds synced photos only, in the order shown
 * @property {string} label what the set is, for the action's wording
 */

/**
 * @typedef {Object} Plugin
 * @property {string} name
 * @property {{ label: string, mount: (section: HTMLElement, photo: PhotoDetail) => void | (() => void) }} [photoPanel]
 *   a section of the photo modal; mounted for synced photos, cleaned up when the modal moves on or closes
 * @property {(album: AlbumContext) => Action[]} [albumActions] commands for a whole album (header)
 * @property {(context: SelectionContext) => Action[]} [selectionActions] commands for the selection (selection bar)
 * @property {(context: PhotoSetContext) => Action[]} [photoSetActions] commands for a fixed set of photos
 * @property {(photoIds: (number | string)[]) => boolean} [describePhotos] return true when taken
 * @property {(photo: PhotoSummary) => boolean} [marksPhoto] whether a card shows the "in a collection" star
 */

export {};
