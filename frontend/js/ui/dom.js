// DOM construction helpers. Everything the app shows is built here from
// elements, attributes and text nodes, so data from the API or from SmugMug
// can never be parsed as markup (the old app's stored-XSS came from HTML
// strings).

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Child | Child[]} Children
 */

const FORBIDDEN = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
/** Properties that must be set on the element, not as attributes, to reflect live state. */
const LIVE_PROPS = new Set(['value', 'checked', 'selected', 'indeterminate']);

/**
 * Creates an element. Text only ever goes through text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [props] attributes, plus `class` (string or list), `text`,
 *   `dataset`, `style` (CSS properties via the CSSOM, which a strict style-src allows) and `on` (event map)
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) applyProps(node, props);
  append(node, children);
  return node;
}

/**
 * @param {HTMLElement | SVGElement} node
 * @param {Record<string, any>} props
 */
function applyProps(node, props) {
  for (const [name, value] of Object.entries(props)) {
    if (FORBIDDEN.has(name) || name.toLowerCase().startsWith('on') && name !== 'on') {
      throw new Error(`el(): "${name}" is not allowed; use text/attributes and the "on" map`);
    }
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') {
      const list = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
      if (list) node.setAttribute('class', list);
    } else if (name === 'text') {
      node.textContent = String(value);
    } else if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (name === 'style') {
      for (const [k, v] of Object.entries(value)) node.style.setProperty(k, String(v));
    } else if (name === 'on') {
      for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
    } else if (LIVE_PROPS.has(name)) {
      /** @type {any} */ (node)[name] = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/**
 * Appends children; strings and numbers become text nodes.
 * @param {Node} parent
 * @param {Children[]} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces all children of a node.
 * @param {Node} parent
 * @param {...Children} children
 */
export function replaceChildren(parent, ...children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon path data; drawn as 24×24 stroked outlines. */
const ICONS = {
  close: 'M6 6l12 12M18 6L6 18',
  logout: 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 16l-4-4 4-4M6 12h10',
  check: 'M5 12l5 5 9-10',
  alert: 'M12 8v5M12 16.5v.5M10.3 3.9L2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  info: 'M12 11v6M12 7.5v.5M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  chevron: 'M9 6l6 6-6 6',
  search: 'M10.5 17.5a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20.5 20.5l-5-5',
};

/**
 * An inline decorative SVG icon (hidden from assistive technology).
 * @param {keyof typeof ICONS} name
 * @param {string} [className]
 * @returns {SVGSVGElement}
 */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}

let idCounter = 0;
/**
 * A document-unique id for label/aria wiring.
 * @param {string} prefix
 */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * A wide table in a box that scrolls sideways on narrow screens. It is focusable and named, so keyboard users can
 * scroll it with the arrow keys and screen readers announce what it holds.
 * @param {string} label
 * @param {HTMLElement} content
 * @returns {HTMLDivElement}
 */
export function scrollable(label, content) {
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label }, content);
}
