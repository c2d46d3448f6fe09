// Server-sent events from /api/events. Progress is pushed by the backend, so
// features subscribe here instead of polling. The connection is shared by all
// subscribers and reconnects with exponential backoff; failures are silent
// (no toasts) because a missing or restarting endpoint is not the user's problem.
//
// Resuming: every event carries its database id. We remember the last one and
// reconnect with `?lastEventId=` (the server reads the Last-Event-ID header or
// this parameter), so the server replays what was missed while disconnected.
// The header alone is not enough: the browser sends it only on its own
// automatic retry, and we replace the EventSource to keep our backoff.

import { createStore } from './core/store.js';

const ENDPOINT = '/api/events';
const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A connection that stayed open this long counts as healthy and resets the backoff. */
const HEALTHY_AFTER_MS = 10_000;

/** @typedef {'idle' | 'connecting' | 'open' | 'waiting'} EventsState */

/** @typedef {(data: any, event: MessageEvent) => void} EventHandler */

/** @type {Map<string, Set<EventHandler>>} */
const handlers = new Map();
const connection = createStore(/** @type {EventsState} */ ('idle'), { name: 'events' });

/** @type {EventSource | null} */
let source = null;
/** The id of the last event received; sent on reconnect so the server replays the gap. */
let lastEventId = '';
let wanted = false;
let delay = MIN_DELAY_MS;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retryTimer;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let healthyTimer;
/** Event types already bound on the current EventSource. */
const bound = new Set();

/**
 * Subscribes to one named server event (the SSE `event:` field; "message" for unnamed ones).
 * JSON payloads are parsed; anything else is passed as the raw string.
 * @param {string} type
 * @param {EventHandler} handler
 * @returns {() => void} unsubscribe
 */
export function subscribe(type, handler) {
  let set = handlers.get(type);
  if (!set) {
    set = new Set();
    handlers.set(type, set);
  }
  set.add(handler);
  if (source) bindType(source, type);
  return () => {
    set.delete(handler);
  };
}

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

/** @returns {string} the id of the last event received ('' before the first one) */
export function getLastEventId() {
  return lastEventId;
}

/** Opens the shared connection (call once signed in). Safe to call repeatedly. */
export function start() {
  wanted = true;
  if (!source && retryTimer === undefined) connect();
}

/** Closes the connection and cancels reconnects (call on sign-out). */
export function stop() {
  wanted = false;
  clearTimeout(retryTimer);
  retryTimer = undefined;
  teardown();
  delay = MIN_DELAY_MS;
  // The next owner session starts afresh; replaying another session's backlog would be noise.
  lastEventId = '';
  setState('idle');
}

function connect() {
  retryTimer = undefined;
  if (!wanted) return;
  if (typeof EventSource === 'undefined') return;
  setState('connecting');
  const url = lastEventId ? `${ENDPOINT}?lastEventId=${encodeURIComponent(lastEventId)}` : ENDPOINT;
  const es = new EventSource(url, { withCredentials: true });
  source = es;
  bound.clear();
  for (const type of handlers.keys()) bindType(es, type);

  es.addEventListener('open', () => {
    setState('open');
    clearTimeout(healthyTimer);
    healthyTimer = setTimeout(() => {
      delay = MIN_DELAY_MS;
    }, HEALTHY_AFTER_MS);
  });

  es.addEventListener('error', () => {
    // The browser's own retry ignores our backoff and stops for good on a
    // 404/401, so we always take over: close, then reconnect later.
    teardown();
    scheduleReconnect();
  });
}

function scheduleReconnect() {
  if (!wanted) return;
  setState('waiting');
  // Jitter spreads reconnects of many tabs after a server restart.
  const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
  delay = Math.min(delay * 2, MAX_DELAY_MS);
  retryTimer = setTimeout(connect, wait);
}

function teardown() {
  clearTimeout(healthyTimer);
  if (source) {
    source.close();
    source = null;
  }
}

/**
 * @param {EventSource} es
 * @param {string} type
 */
function bindType(es, type) {
  if (bound.has(type)) return;
  bound.add(type);
  es.addEventListener(type, (event) => dispatch(type, /** @type {MessageEvent} */ (event)));
}

/**
 * @param {string} type
 * @param {MessageEvent} event
 */
function dispatch(type, event) {
  // Remembered even when nobody listens to this type, so a resume never replays it twice.
  if (event.lastEventId) lastEventId = event.lastEventId;
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

/** @param {EventsState} next */
function setState(next) {
  connection.set(next);
}

// Reconnect promptly when the tab becomes visible again instead of waiting out a long backoff.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && wanted && !source && retryTimer !== undefined) {
    clearTimeout(retryTimer);
    connect();
  }
});
