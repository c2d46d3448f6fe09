// The one observable-value primitive every shared state in the app uses
// (session, account, settings, connectivity, selection, batches, route, SSE
// state), so subscribing, unsubscribing and error isolation work the same way
// everywhere.

/**
 * @template T
 * @typedef {Object} Store
 * @property {() => T} get the current value
 * @property {(next: T) => void} set replaces the value; subscribers hear of it unless `equals` says nothing changed
 * @property {(fn: (value: T) => T) => void} update set(fn(get()))
 * @property {(listener: (value: T) => void) => () => void} subscribe returns the unsubscribe function
 * @property {() => void} notify tells subscribers again (after an in-place change of a Map or Set value)
 */

/**
 * @template T
 * @param {T} initial
 * @param {{ name?: string, equals?: (a: T, b: T) => boolean }} [options] equals: `() => false` makes every set an
 *   event (e.g. "this batch changed"); the default is Object.is
 * @returns {Store<T>}
 */
export function createStore(initial, options = {}) {
  const equals = options.equals ?? Object.is;
  const name = options.name ?? 'store';
  let value = initial;
  /** @type {Set<(value: T) => void>} */
  const listeners = new Set();

  function notify() {
    // A copy: a listener may unsubscribe itself (or others) while being called.
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (err) {
        // One broken subscriber must not starve the others.
        console.error(`${name}: listener failed`, err);
      }
    }
  }

  /** @param {T} next */
  function set(next) {
    if (equals(value, next)) return;
    value = next;
    notify();
  }

  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify,
  };
}
