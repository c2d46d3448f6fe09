import * as router from '../router.js';
import { icon } from '../ui/dom.js';
import { fromQuery, searchHref } from './search-state.js';

// The header's search box, on every page: "/" focuses it (unless the user is
// typing somewhere or a dialog is open); Enter opens the Search page with the
// words. On the Search page it shows the page's words and keeps its filters.
// On a phone it folds into a magnifier button (the header has no room for a
// field on every page) and is open on the Search page.

/**
 * @param {EventTarget | null} target
 * @returns {boolean} whether keys typed there are text (so "/" is a character, not a shortcut)
 */
function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`search-box: #${id} missing from index.html`);
  return node;
}

/**
 * Wires the box from index.html.
 * @returns {{ setSignedIn: (signedIn: boolean) => void }}
 */
export function initSearchBox() {
  const form = /** @type {HTMLFormElement} */ (byId('header-search'));
  const box = /** @type {HTMLInputElement} */ (byId('header-search-input'));
  const toggle = byId('header-search-toggle');
  toggle.append(icon('search'));

  /** @param {boolean} open */
  function setOpen(open) {
    form.classList.toggle('is-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  }

  toggle.addEventListener('click', () => {
    setOpen(true);
    box.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const onSearchPage = window.location.pathname === '/search';
    // A new query keeps the page's filters and mode: "same filters, other words".
    const state = fromQuery(onSearchPage ? new URLSearchParams(window.location.search) : new URLSearchParams());
    void router.navigate(searchHref({ ...state, q: box.value.trim() }));
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (form.hidden || isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
    event.preventDefault();
    setOpen(true);
    box.focus();
    box.select();
  });

  router.onRouteChange((_route, path) => {
    const onSearchPage = path === '/search';
    if (onSearchPage) box.value = new URLSearchParams(window.location.search).get('q') ?? '';
    setOpen(onSearchPage);
  });

  return {
    setSignedIn(signedIn) {
      form.hidden = !signedIn;
    },
  };
}
