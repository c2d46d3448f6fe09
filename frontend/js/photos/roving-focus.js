// Roving focus over a photo grid: one card holds the grid's tab stop, and
// arrow keys move it in two dimensions, so the columns follow the layout.

/**
 * @typedef {Object} RovingFocus
 * @property {() => number} active index of the card that holds the tab stop
 * @property {(index: number, focus: boolean) => void} setActive clamps; focus also scrolls it into view
 * @property {() => number} columns cards per row as laid out now
 */

/**
 * @param {HTMLElement} grid the list whose children are the cards
 * @returns {RovingFocus}
 */
export function createRovingFocus(grid) {
  let activeIndex = 0;

  /** @param {number} index */
  const cardAt = (index) => /** @type {HTMLElement | null} */ (grid.children[index] ?? null);

  /** @param {HTMLElement | null} card @param {string} value */
  function setStops(card, value) {
    if (card) for (const node of card.querySelectorAll('[data-roving]')) node.setAttribute('tabindex', value);
  }

  return {
    active: () => activeIndex,
    setActive(index, focus) {
      const count = grid.children.length;
      if (count === 0) {
        activeIndex = 0;
        return;
      }
      const next = Math.max(0, Math.min(index, count - 1));
      setStops(cardAt(activeIndex), '-1');
      activeIndex = next;
      const card = cardAt(next);
      setStops(card, '0');
      if (focus && card) {
        /** @type {HTMLElement | null} */ (card.querySelector('[data-role="focus"]'))?.focus();
        card.scrollIntoView({ block: 'nearest' });
      }
    },
    columns() {
      const first = cardAt(0);
      if (!first) return 1;
      let n = 0;
      for (const card of /** @type {HTMLCollectionOf<HTMLElement>} */ (grid.children)) {
        if (card.offsetTop !== first.offsetTop) break;
        n += 1;
      }
      return Math.max(1, n);
    },
  };
}
