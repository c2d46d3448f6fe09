import { el, replaceChildren } from '../ui/dom.js';
import { field, applyFieldErrors, withBusy } from '../ui/forms.js';
import { dateTime } from '../ui/format.js';
import { toast, toastError } from '../ui/toast.js';
import { getAutopilot, runNow, saveAutopilot } from './autopilot-api.js';

// Settings → Autopilot: when to sync, whether to describe new photos, and the
// spending caps, with this month's spend against the monthly cap.

/** @typedef {import('./autopilot-api.js').AutopilotSettings} AutopilotSettings */

/** @type {[string, string][]} */
const MODES = [['off', 'Off'], ['hourly', 'Every hour'], ['every_hours', 'Every N hours'], ['daily', 'Daily at a time']];

/** @param {number | null} n */
const usd = (n) => (n == null ? '' : `$${n.toFixed(n < 1 ? 4 : 2)}`);

/**
 * @param {[string, string][]} options
 * @param {string} value
 */
function select(options, value) {
  const s = el('select', {}, options.map(([v, label]) => el('option', { value: v }, label)));
  s.value = value;
  return s;
}

/**
 * @param {HTMLElement} container
 * @param {AbortSignal} signal
 * @param {() => void} onRun called after "Run now"
 */
export function mountSchedule(container, signal, onRun) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  replaceChildren(container, el('section', { class: 'settings-section', 'aria-labelledby': 'autopilot-heading' },
    el('h2', { id: 'autopilot-heading' }, 'Scheduled sync and auto-describe'), body));

  /** @param {AutopilotSettings} s */
  function render(s) {
    const mode = field({ label: 'Schedule', name: 'mode', control: select(MODES, s.mode) });
    const everyHours = field({ label: 'Every how many hours', name: 'everyHours', attrs: { type: 'number', min: '1', max: '168', value: String(s.everyHours) } });
    const dailyTime = field({ label: 'Daily at (HH:mm)', name: 'dailyTime', attrs: { type: 'text', value: s.dailyTime, placeholder: '03:00' } });
    const timeZone = field({ label: 'Time zone', name: 'timeZone', attrs: { type: 'text', value: s.timeZone }, hint: 'An IANA name such as Europe/Zurich, or UTC.' });
    const autoDescribe = el('input', { type: 'checkbox', name: 'autoDescribe', id: 'autopilot-auto-describe' });
    autoDescribe.checked = s.autoDescribe;
    const monthly = field({ label: 'Monthly cap (USD)', name: 'monthlyCapUsd', attrs: { type: 'number', min: '0', step: 'any', value: s.monthlyCapUsd ?? '' }, hint: 'Empty for no cap.' });
    const perRun = field({ label: 'Per-run cap (USD)', name: 'runCapUsd', attrs: { type: 'number', min: '0', step: 'any', value: s.runCapUsd ?? '' }, hint: 'Empty for no cap.' });
    const showFor = () => {
      everyHours.element.hidden = mode.control.value !== 'every_hours';
      dailyTime.element.hidden = mode.control.value !== 'daily';
      timeZone.element.hidden = mode.control.value !== 'daily';
    };
    mode.control.addEventListener('change', showFor);
    showFor();

    const spend = s.spend;
    const spendText = spend.monthlyCapUsd == null
      ? `Spent this month: ${usd(spend.spentThisMonthUsd)} (no cap).`
      : `Spent this month: ${usd(spend.spentThisMonthUsd)} of ${usd(spend.monthlyCapUsd)}${spend.atCap ? ' — cap reached, auto-describe is paused.' : '.'}`;
    const save = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Save schedule');
    const run = el('button', { type: 'button', class: 'btn btn--secondary' }, 'Run now');
    const form = el('form', { class: 'stack', id: 'autopilot-form', novalidate: true },
      el('p', { id: 'autopilot-spend', role: 'status' }, spendText),
      el('p', { class: 'muted', id: 'autopilot-next' }, s.nextRunAt ? `Next run: ${dateTime(s.nextRunAt)}` : 'No run is scheduled.'),
      mode.element, everyHours.element, dailyTime.element, timeZone.element,
      el('label', { class: 'radio', for: 'autopilot-auto-describe' }, autoDescribe,
        ' Describe new and changed photos after each sync (with the preferred model and the active prompt)'),
      monthly.element, perRun.element,
      el('p', {}, save, ' ', run));
    const fields = { mode, everyHours, dailyTime, timeZone, monthlyCapUsd: monthly, runCapUsd: perRun };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const capValue = (/** @type {HTMLInputElement} */ input) => (input.value.trim() === '' ? null : Number(input.value));
      const m = capValue(/** @type {HTMLInputElement} */ (monthly.control));
      const r = capValue(/** @type {HTMLInputElement} */ (perRun.control));
      void withBusy(save, async () => {
        try {
          const saved = await saveAutopilot({
            mode: mode.control.value, everyHours: Number(everyHours.control.value), dailyTime: dailyTime.control.value,
            timeZone: timeZone.control.value, autoDescribe: autoDescribe.checked,
            monthlyCapUsd: m, clearMonthlyCap: m == null, runCapUsd: r, clearRunCap: r == null,
          });
          toast.success('Autopilot saved');
          render(saved);
        } catch (err) {
          if (!applyFieldErrors(err, fields)) toastError(err, 'Could not save the schedule');
        }
      });
    });
    run.addEventListener('click', () => void withBusy(run, async () => {
      try {
        await runNow();
        toast.success('Autopilot run started');
        onRun();
      } catch (err) {
        toastError(err, 'Could not start a run');
      }
    }));
    replaceChildren(body, form);
  }

  getAutopilot(signal).then(render, (err) => {
    if (!signal.aborted) replaceChildren(body, el('p', { class: 'alert alert--error' }, String(err?.message ?? err)));
  });
}
