import { el } from './dom.js';

// The life of one toast outside its content: the live region toasts live in,
// the details toggle, timing out (paused while read) and leaving.

/** @type {HTMLElement | null} */
let region = null;

export function getRegion() {
  if (region && region.isConnected) return region;
  region = el('div', { class: 'toasts', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  document.body.appendChild(region);
  return region;
}

/**
 * The "Show details" toggle and the technical details it reveals.
 * @param {string} details
 * @returns {[HTMLButtonElement, HTMLElement]}
 */
export function detailsToggle(details) {
  const detailsId = `toast-details-${Math.random().toString(36).slice(2)}`;
  const pre = el('pre', { class: 'toast__details', id: detailsId, hidden: true }, details);
  const toggle = el('button', {
    type: 'button',
    class: 'toast__toggle',
    'aria-expanded': 'false',
    'aria-controls': detailsId,
    on: {
      click: () => {
        const open = pre.hidden;
        pre.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? 'Hide details' : 'Show details';
      },
    },
  }, 'Show details');
  return [toggle, pre];
}

/**
 * Closes the toast after `timeout` ms.
 * @param {HTMLElement} toast
 * @param {number} timeout
 */
export function dismissAfter(toast, timeout) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer = setTimeout(() => dismiss(toast), timeout);
  // Pause while the user is reading or interacting with the toast.
  const pause = () => { clearTimeout(timer); timer = undefined; };
  const resume = () => { if (timer === undefined) timer = setTimeout(() => dismiss(toast), timeout / 2); };
  toast.addEventListener('mouseenter', pause);
  toast.addEventListener('mouseleave', resume);
  toast.addEventListener('focusin', pause);
  toast.addEventListener('focusout', resume);
}

/** @param {HTMLElement} toast */
export function dismiss(toast) {
  if (!toast.isConnected || toast.classList.contains('toast--leaving')) return;
  toast.classList.add('toast--leaving');
  const remove = () => toast.remove();
  toast.addEventListener('animationend', remove, { once: true });
  // Reduced-motion users get no animation, so no animationend either.
  setTimeout(remove, 300);
}
