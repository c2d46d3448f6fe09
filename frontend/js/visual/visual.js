import { registerPlugin } from '../core/plugins.js';
import { mountSimilarPanel } from './similar-panel.js';

// Plugs visual search into the photo screens: the "Similar" strip of the photo modal.

let initialised = false;

export function initVisual() {
  if (initialised) return;
  initialised = true;
  registerPlugin({ name: 'visual', photoPanel: { label: 'Similar photos', mount: mountSimilarPanel } });
}
