import { el } from '../ui/dom.js';

// The SmugMug account badge in the header. The SmugMug connection feature
// replaces the body of mountAccountBadge (showing "@nickname" once connected);
// the shell only guarantees the slot and calls mount/unmount.

/**
 * Renders the badge into its header slot.
 * @param {HTMLElement} slot
 * @returns {() => void} cleanup
 */
export function mountAccountBadge(slot) {
  const link = el('a', { href: '/settings', class: 'account-badge account-badge--disconnected' },
    el('span', { class: 'account-badge__dot', 'aria-hidden': 'true' }),
    el('span', { class: 'account-badge__text' }, 'Connect SmugMug'),
  );
  slot.replaceChildren(link);
  return () => slot.replaceChildren();
}
