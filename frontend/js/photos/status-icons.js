// The app's own status icons (SVG), so no status depends on an emoji font and
// queued and running look different. Shapes differ, not only colours.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Path data per status, drawn as 24×24 strokes. */
const PATHS = {
  not_synced: ['M12 3a9 9 0 0 1 0 18a9 9 0 0 1 0-18', 'M8 12h8'],
  not_processed: ['M12 3a9 9 0 0 1 0 18a9 9 0 0 1 0-18'],
  queued: ['M12 3a9 9 0 0 1 0 18a9 9 0 0 1 0-18', 'M12 7v5l3 2'],
  processing: ['M12 3a9 9 0 1 1-9 9', 'M12 3v4M3 12h4'],
  completed: ['M12 3a9 9 0 0 1 0 18a9 9 0 0 1 0-18', 'M8 12.5l2.7 2.7L16.5 9.5'],
  failed: ['M12 3a9 9 0 0 1 0 18a9 9 0 0 1 0-18', 'M9 9l6 6M15 9l-6 6'],
  star: ['M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z'],
};

/**
 * A decorative status icon; the element around it carries the accessible name.
 * @param {string} status a photo status (unknown ones draw as "not synced"), or "star"
 * @returns {SVGSVGElement}
 */
export function statusIcon(status) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `status-icon status-icon--${status}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of PATHS[/** @type {keyof typeof PATHS} */ (status)] ?? PATHS.not_synced) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
