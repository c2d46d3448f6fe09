import { plural } from '../ui/format.js';
import { mountAiPanel } from './ai-panel.js';
import { mountAlbumActions } from './album-actions.js';
import { openDescribeDialog } from './describe-dialog.js';
import { registerAiSlot, registerAlbumToolbar } from './library-hooks.js';

// Connects the AI-descriptions UI to the Library through the Library's public
// hooks only: the album toolbar slot, the photo modal slot, and the
// `describe-request` event that a click on a failed/undescribed badge sends.

let initialised = false;

/** Wires the feature into the shell. Call once at boot; later calls do nothing. */
export function initProcessing() {
  if (initialised) return;
  initialised = true;
  document.addEventListener('describe-request', onDescribeRequest);
  registerAiSlot(mountAiPanel);
  registerAlbumToolbar((container, album) => mountAlbumActions(container, album));
}

/** @param {Event} event */
function onDescribeRequest(event) {
  const detail = /** @type {CustomEvent<{ photoIds?: unknown }>} */ (event).detail;
  const photoIds = Array.isArray(detail?.photoIds)
    ? detail.photoIds.filter((v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && v !== ''))
    : [];
  if (!photoIds.length) return;
  // Tells the Library the request was taken (the event is cancelable for exactly this).
  event.preventDefault();
  void openDescribeDialog({
    scope: 'photos',
    photoIds,
    label: photoIds.length === 1 ? 'this photo' : plural(photoIds.length, 'photo'),
  });
}
