import { el, replaceChildren } from '../ui/dom.js';
import { mountSchedule } from './schedule-section.js';
import { mountRuns } from './runs-section.js';
import { mountWriteBack } from './writeback-section.js';

// The Autopilot settings tab: schedule and budget, run history, write-back.

/**
 * @param {HTMLElement} panel
 * @param {AbortSignal} signal
 * @returns {() => void} cleanup
 */
export function mountAutopilotSettings(panel, signal) {
  const schedule = el('div');
  const runs = el('div');
  const writeBack = el('div');
  replaceChildren(panel, el('div', { class: 'stack' }, schedule, runs, writeBack));
  const history = mountRuns(runs, signal);
  mountSchedule(schedule, signal, history.reload);
  const stopWriteBack = mountWriteBack(writeBack, signal);
  return () => {
    history.dispose();
    stopWriteBack();
  };
}
