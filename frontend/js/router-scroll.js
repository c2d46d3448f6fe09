// Back and Forward return to where the page was scrolled. The browser cannot do it for us: views draw after the
// navigation, and long lists (search results, albums) read their pages as they come into view. Each history entry
// gets a key in its state; leaving an entry records its scroll position under that key.

/** @type {Map<string, number>} */
const scrollMemory = new Map();
/** @type {string | null} */
let entryKey = null;

/** @returns {string} the current history entry's key, given one if it has none */
function currentEntryKey() {
  const state = history.state;
  if (state && typeof state === 'object' && typeof state.tvEntry === 'string') return state.tvEntry;
  const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  history.replaceState({ ...(state && typeof state === 'object' ? state : {}), tvEntry: key }, '');
  return key;
}

/** Records where the entry being left was scrolled to. */
export function rememberScroll() {
  if (entryKey !== null) scrollMemory.set(entryKey, window.scrollY);
}

/**
 * Makes the current history entry the one shown.
 * @returns {number} where it was last left (0 if never)
 */
export function enterEntry() {
  entryKey = currentEntryKey();
  return scrollMemory.get(entryKey) ?? 0;
}

/**
 * Scrolls back to y as the view grows to reach it (the list reads more pages as its end comes into view), until
 * the user scrolls, types or clicks, the view is left, or a few seconds pass.
 * @param {number} y
 * @param {AbortSignal} signal
 */
export function restoreScroll(y, signal) {
  const stop = new AbortController();
  const done = () => stop.abort();
  const step = () => {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.min(y, Math.max(0, max)));
    if (max >= y) done();
  };
  const observer = new ResizeObserver(step);
  observer.observe(document.body);
  stop.signal.addEventListener('abort', () => observer.disconnect());
  signal.addEventListener('abort', done, { signal: stop.signal });
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
    window.addEventListener(type, done, { once: true, passive: true, signal: stop.signal });
  }
  const timer = setTimeout(done, 5000);
  stop.signal.addEventListener('abort', () => clearTimeout(timer));
  step();
}

/**
 * Adds a history entry for a view that redraws itself in place (no render), keeping the scroll memory right.
 * @param {string} url
 */
export function pushEntry(url) {
  rememberScroll();
  history.pushState(null, '', url);
  enterEntry();
}
