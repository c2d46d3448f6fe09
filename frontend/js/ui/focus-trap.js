// Keeping keyboard and pointer inside the top-most dialog: Tab cycles through
// its focusable parts, and everything else on the page is inert. Dialogs open
// over dialogs, so the open backdrops form a stack.

export const FOCUSABLE = [
  'a[href]', 'area[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])', 'textarea:not([disabled])', 'iframe', '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** @type {HTMLElement[]} */
const stack = [];

/**
 * A dialog's backdrop opens on top of the others.
 * @param {HTMLElement} backdrop
 */
export function addLayer(backdrop) {
  stack.push(backdrop);
  syncInert();
}

/**
 * A dialog's backdrop closed (not necessarily the top-most one).
 * @param {HTMLElement} backdrop
 */
export function removeLayer(backdrop) {
  stack.splice(stack.indexOf(backdrop), 1);
  syncInert();
}

/**
 * Only the top-most dialog answers keys.
 * @param {HTMLElement} backdrop
 */
export const isTopLayer = (backdrop) => stack[stack.length - 1] === backdrop;

/**
 * @param {KeyboardEvent} event
 * @param {HTMLElement} container
 */
export function trapTab(event, container) {
  const items = /** @type {HTMLElement[]} */ ([...container.querySelectorAll(FOCUSABLE)])
    .filter((node) => node.offsetParent !== null || node === document.activeElement);
  if (items.length === 0) {
    event.preventDefault();
    container.focus();
    return;
  }
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Everything except the top-most modal is inert, so clicks and focus cannot leak behind it. */
function syncInert() {
  const top = stack[stack.length - 1];
  for (const child of document.body.children) {
    const node = /** @type {HTMLElement} */ (child);
    // Toasts stay usable: an error toast may need closing while a dialog is open.
    if (node.classList.contains('toasts')) continue;
    node.inert = top !== undefined && node !== top;
  }
}
