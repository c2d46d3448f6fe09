// Who listens to which server event, and how an event reaches them: JSON
// payloads parsed once, each handler isolated so one failing feature does not
// starve the others. The connection itself is events.js.

/** @typedef {(data: any, event: MessageEvent) => void} EventHandler */

/** @type {Map<string, Set<EventHandler>>} */
const handlers = new Map();

/**
 * @param {string} type
 * @param {EventHandler} handler
 * @returns {() => void} remove
 */
export function addHandler(type, handler) {
  let set = handlers.get(type);
  if (!set) {
    set = new Set();
    handlers.set(type, set);
  }
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

/** @returns {Iterable<string>} every event type anyone subscribed to */
export function handledTypes() {
  return handlers.keys();
}

/**
 * @param {string} type
 * @param {MessageEvent} event
 */
export function deliver(type, event) {
  const set = handlers.get(type);
  if (!set || set.size === 0) return;
  /** @type {any} */
  let data = event.data;
  try {
    data = JSON.parse(event.data);
  } catch {
    // Non-JSON payloads are delivered as-is.
  }
  for (const handler of set) {
    try {
      handler(data, event);
    } catch (err) {
      console.error(`events: handler for "${type}" failed`, err);
    }
  }
}
