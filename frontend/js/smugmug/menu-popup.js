// How the account badge's menu opens and closes: the trigger toggles it, ↓ on
// the trigger opens it, ↑/↓ cycle the items, Esc closes and refocuses the
// trigger, Tab and a click outside close it. What the items do is the badge's.

/**
 * @param {HTMLElement} wrapper holds the trigger and the menu (a click inside is not "outside")
 * @param {HTMLElement} trigger
 * @param {HTMLElement} menu
 * @param {(close: (() => void) | null) => void} setCloseMenu told how to close the menu while it is open (null once closed)
 * @returns {(refocus?: boolean) => void} close
 */
export function bindMenuPopup(wrapper, trigger, menu, setCloseMenu) {
  const menuItems = () => /** @type {HTMLElement[]} */ ([...menu.querySelectorAll('[role="menuitem"]')]);

  /** @param {MouseEvent} event */
  function onOutside(event) {
    if (!wrapper.contains(/** @type {Node} */ (event.target))) close(false);
  }

  /** @param {boolean} [refocus] */
  function close(refocus = true) {
    if (menu.hidden) return;
    menu.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', onOutside);
    setCloseMenu(null);
    if (refocus) trigger.focus();
  }

  function open() {
    menu.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    document.addEventListener('mousedown', onOutside);
    setCloseMenu(() => close(false));
    menuItems()[0]?.focus();
  }

  trigger.addEventListener('click', () => (menu.hidden ? open() : close()));
  trigger.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && menu.hidden) {
      event.preventDefault();
      open();
    }
  });
  menu.addEventListener('keydown', (event) => {
    const list = menuItems();
    const index = list.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      list[(index + step + list.length) % list.length]?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  return close;
}
