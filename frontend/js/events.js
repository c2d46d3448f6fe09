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

import { addHandler, deliver, handledTypes } from './event-handlers.js';
import { setState } from './event-state.js';

// Features import all of it from here (the parts are this module's own).
export { getState, onReconnect, onStateChange } from './event-state.js';

const ENDPOINT = '/api/events';
const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A connection that stayed open this long counts as healthy and resets the backoff. */
const HEALTHY_AFTER_MS = 10_000;

/** @typedef {import('./event-state.js').EventsState} EventsState */
/** @typedef {import('./event-handlers.js').EventHandler} EventHandler */

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
  const remove = addHandler(type, handler);
  if (source) bindType(source, type);
  return remove;
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
  for (const type of handledTypes()) bindType(es, type);

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
  deliver(type, event);
}

// Reconnect promptly when the tab becomes visible again instead of waiting out a long backoff.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && wanted && !source && retryTimer !== undefined) {
    clearTimeout(retryTimer);
    connect();
  }
});
