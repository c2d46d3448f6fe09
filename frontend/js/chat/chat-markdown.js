import { el } from '../ui/dom.js';

// The answer's small, safe Markdown subset — paragraphs, "- " / "1. " lists
// and **bold** — built as DOM nodes, never parsed as HTML. Citation markers
// [#id] become numbered buttons that open the cited photo.

const MARKER = /\[#(\d+)\]/g;

/**
 * @param {string} text
 * @param {(photoId: number) => number | null} numberOf the citation's number, or null if not cited
 * @param {(photoId: number) => void} open
 * @returns {DocumentFragment}
 */
export function renderAnswer(text, numberOf, open) {
  const fragment = document.createDocumentFragment();
  for (const block of text.split(/\n{2,}/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    const listItem = /^\s*(?:[-*•]|\d+[.)])\s+/;
    if (lines.every((line) => listItem.test(line))) {
      const ordered = /^\s*\d/.test(lines[0]);
      fragment.append(el(ordered ? 'ol' : 'ul', null, lines.map((line) => el('li', null, inline(line.replace(listItem, ''), numberOf, open)))));
    } else {
      const paragraph = el('p');
      lines.forEach((line, i) => {
        if (i > 0) paragraph.append(el('br'));
        paragraph.append(...inline(line, numberOf, open));
      });
      fragment.append(paragraph);
    }
  }
  return fragment;
}

/**
 * @param {string} text
 * @param {(photoId: number) => number | null} numberOf
 * @param {(photoId: number) => void} open
 * @returns {Node[]}
 */
function inline(text, numberOf, open) {
  /** @type {Node[]} */
  const nodes = [];
  text.split(/(\*\*[^*]+\*\*)/).forEach((part) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
      nodes.push(el('strong', null, citations(part.slice(2, -2), numberOf, open)));
    } else if (part) {
      nodes.push(...citations(part, numberOf, open));
    }
  });
  return nodes;
}

/**
 * @param {string} text
 * @param {(photoId: number) => number | null} numberOf
 * @param {(photoId: number) => void} open
 * @returns {Node[]}
 */
function citations(text, numberOf, open) {
  /** @type {Node[]} */
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    nodes.push(document.createTextNode(text.slice(last, match.index)));
    const id = Number(match[1]);
    const number = numberOf(id);
    if (number !== null) {
      nodes.push(el('button', {
        type: 'button', class: 'chat-cite', 'aria-label': `Open cited photo ${number}`, on: { click: () => open(id) },
      }, String(number)));
    }
    last = (match.index ?? 0) + match[0].length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
