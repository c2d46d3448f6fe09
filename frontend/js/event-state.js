import { createStore } from './core/store.js';

// The shared connection's state as the app sees it, and the cue derived from
// it: "open again after an outage" is when views refetch what events do not
// carry. events.js moves the state; everyone else only reads it.

/** @typedef {'idle' | 'connecting' | 'open' | 'waiting'} EventsState */

const connection = createStore(/** @type {EventsState} */ ('idle'), { name: 'events' });

/**
 * Notified on connection state changes; "open" after a reconnect is the cue to
 * refetch state that may have changed while disconnected.
 * @param {(state: EventsState) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onStateChange(listener) {
  return connection.subscribe(listener);
}

/**
 * Calls back when the stream opens again after having been open, i.e. after an outage (not on the first
 * connect). Missed events are replayed by then; use it for what events do not carry (lists, counts).
 * @param {() => void} callback
 * @returns {() => void}
 */
export function onReconnect(callback) {
  let seenOpen = connection.get() === 'open';
  return connection.subscribe((state) => {
    if (state !== 'open') return;
    if (seenOpen) callback();
    seenOpen = true;
  });
}

/** @returns {EventsState} */
export function getState() {
  return connection.get();
}

/** @param {EventsState} next */
export function setState(next) {
  connection.set(next);
}
