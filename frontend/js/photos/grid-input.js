// Pointer and keyboard input of a photo grid: clicks, Shift+click ranges and
// the key bindings, moving the roving focus (roving-focus.js). Kept apart from
// the grid's data code.

/** @typedef {import('./roving-focus.js').RovingFocus} RovingFocus */

/**
 * What the input layer asks of the grid.
 * @typedef {Object} GridCommands
 * @property {() => number} count cards shown
 * @property {(index: number, range: boolean, value?: boolean) => void} toggle select/unselect (range: from the anchor)
 * @property {(index: number) => void} open the photo modal
 * @property {(index: number) => void} describe a click on an actionable status badge
 * @property {() => void} selectAll
 * @property {() => boolean} clear false when nothing was selected
 */

/** @param {EventTarget | null} target */
function indexOf(target) {
  const card = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (target)?.closest?.('.photo-card'));
  return card ? Number(card.dataset.index) : -1;
}

/**
 * Wires the grid's events (delegated: an album can hold thousands of cards).
 * @param {HTMLElement} grid
 * @param {RovingFocus} focus
 * @param {GridCommands} commands
 */
export function bindGridInput(grid, focus, commands) {
  grid.addEventListener('focusin', (event) => {
    const index = indexOf(event.target);
    if (index >= 0 && index !== focus.active()) focus.setActive(index, false);
  });
  grid.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const index = indexOf(target);
    if (index < 0) return;
    const action = /** @type {HTMLElement | null} */ (target.closest('[data-action]'))?.dataset.action;
    if (action === 'open') {
      focus.setActive(index, false);
      commands.open(index);
    } else if (action === 'describe') {
      commands.describe(index);
    } else if (target.classList.contains('photo-card__checkbox')) {
      // The browser already flipped the box; make the selection follow it.
      commands.toggle(index, event.shiftKey, /** @type {HTMLInputElement} */ (target).checked);
    } else {
      event.preventDefault();
      commands.toggle(index, event.shiftKey);
      focus.setActive(index, true);
    }
  });
  grid.addEventListener('dblclick', (event) => {
    const index = indexOf(event.target);
    if (index >= 0 && !(/** @type {HTMLElement} */ (event.target).closest('[data-action]'))) commands.open(index);
  });
  // Shift-click would otherwise select the page's text across cards.
  grid.addEventListener('mousedown', (event) => {
    if (event.shiftKey) event.preventDefault();
  });
  grid.addEventListener('keydown', (event) => {
    const index = indexOf(event.target);
    if (index >= 0 && handleKey(event, index, focus, commands)) event.preventDefault();
  });
}

/**
 * The grid key bindings. Returns true when the key was handled.
 * @param {KeyboardEvent} event
 * @param {number} index the card the key was pressed on
 * @param {RovingFocus} focus
 * @param {GridCommands} commands
 */
function handleKey(event, index, focus, commands) {
  const onFocusTarget = /** @type {HTMLElement} */ (event.target).dataset.role === 'focus';
  const move = (/** @type {number} */ to) => focus.setActive(to, true);
  switch (event.key) {
    case 'ArrowRight': move(index + 1); return true;
    case 'ArrowLeft': move(index - 1); return true;
    case 'ArrowDown': move(index + focus.columns()); return true;
    case 'ArrowUp': move(index - focus.columns()); return true;
    case 'Home': move(0); return true;
    case 'End': move(commands.count() - 1); return true;
    case ' ':
      // Buttons keep their own Space; on the card itself Space toggles it (Shift+Space extends the range).
      if (!onFocusTarget) return false;
      commands.toggle(index, event.shiftKey);
      return true;
    case 'Enter':
      if (!onFocusTarget) return false;
      focus.setActive(index, false);
      commands.open(index);
      return true;
    case 'a':
    case 'A':
      if (!(event.ctrlKey || event.metaKey)) return false;
      commands.selectAll();
      return true;
    case 'Escape':
      return commands.clear();
    default:
      return false;
  }
}
