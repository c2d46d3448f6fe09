import { plural } from '../ui/format.js';
import { registerPlugin } from '../core/plugins.js';
import { mountAiPanel } from './ai-panel.js';
import { albumActions, selectionActions } from './album-actions.js';
import { openDescribeDialog } from './describe-dialog.js';

// Plugs the AI-descriptions UI into the photo screens through the one plugin
// mechanism: the photo modal's AI panel, album and selection commands, and
// clicks on an undescribed/failed status badge.

let initialised = false;

/** Wires the feature into the shell. Call once at boot; later calls do nothing. */
export function initProcessing() {
  if (initialised) return;
  initialised = true;
  registerPlugin({
    name: 'ai',
    photoPanel: { label: 'AI description', mount: mountAiPanel },
    albumActions,
    selectionActions,
    describePhotos,
  });
}

/**
 * @param {(number | string)[]} photoIds
 * @returns {boolean}
 */
function describePhotos(photoIds) {
  const ids = photoIds.filter((v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && v !== ''));
  if (!ids.length) return false;
  void openDescribeDialog({
    scope: 'photos',
    photoIds: ids,
    label: ids.length === 1 ? 'this photo' : plural(ids.length, 'photo'),
  });
  return true;
}
