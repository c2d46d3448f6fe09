import { el, replaceChildren, uid } from '../ui/dom.js';
import { applyFieldErrors, withBusy } from '../ui/forms.js';
import { toast } from '../ui/toast.js';
import { plural } from '../ui/format.js';
import { errorMessage } from '../api.js';
import { createBatch, estimate as fetchEstimate } from './processing-api.js';
import { modelPicker, promptPicker } from './pickers.js';
import { announceBatch } from './library-hooks.js';
import { estimateView } from './describe-parts.js';

// The describe dialog's form: model and prompt pickers, the live cost estimate,
// the "describe again" opt-in and Start (which creates the batch).

/** @typedef {import('./processing-api.js').BatchView} BatchView */
/** @typedef {import('./processing-api.js').Estimate} Estimate */
/** @typedef {import('./processing-api.js').DescribeRequest} DescribeRequest */

/** Re-estimating on every keystroke-free change is cheap, but a short pause avoids bursts while scrolling a select. */
const ESTIMATE_DELAY_MS = 200;

/**
 * Renders the form into `body`.
 * @param {Object} options
 * @param {HTMLElement} options.body
 * @param {import('./describe-dialog.js').DescribeTarget} options.target
 * @param {import('./processing-api.js').AiModel[]} options.models
 * @param {import('./prompts-api.js').Prompt[]} options.prompts
 * @param {AbortSignal} options.signal the dialog's lifetime
 * @param {() => void} options.close closes the dialog
 * @param {(batch: BatchView) => void} options.onCreated
 */
export function renderDescribeForm({ body, target, models, prompts, signal, close, onCreated }) {
  const model = modelPicker(models);
  const prompt = promptPicker(prompts);
  const estimateBox = el('div', { class: 'estimate', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const formError = el('p', { class: 'alert alert--error', role: 'alert', hidden: true });
  // Skipping described photos is the money-saving default for every scope; this opts back in.
  const redo = el('input', { type: 'checkbox', id: uid('redo'), name: 'includeDescribed' });
  const redoText = el('span');
  const redoRow = el('div', { class: 'describe__redo', hidden: true }, el('label', { class: 'radio', for: redo.id }, redo, redoText));
  let describedCount = 0;
  const startButton = el('button', { type: 'submit', class: 'btn btn--primary', disabled: true }, 'Start');
  const cancelButton = el('button', { type: 'button', class: 'btn btn--ghost', on: { click: () => close() } }, 'Cancel');
  const form = el('form', { class: 'form describe__form', novalidate: true },
    el('div', { class: 'describe__pickers' }, model.element, prompt.element),
    estimateBox,
    redoRow,
    formError,
    el('div', { class: 'button-row describe__actions' }, cancelButton, startButton),
  );
  replaceChildren(body, form);

  /** @type {Estimate | null} */
  let current = null;
  /** @type {AbortController | null} */
  let pending = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const request = () => /** @type {DescribeRequest} */ ({
    scope: target.scope,
    photoIds: target.scope === 'photos' ? target.photoIds : undefined,
    albumKey: target.scope === 'album' ? target.albumKey : undefined,
    folderPath: target.scope === 'folder' ? target.folderPath : undefined,
    model: model.selected()?.id,
    promptId: prompt.value(),
    includeDescribed: redo.checked,
  });

  function scheduleEstimate() {
    clearTimeout(timer);
    pending?.abort();
    current = null;
    startButton.disabled = true;
    if (!model.selected()) {
      replaceChildren(estimateBox, el('p', { class: 'muted' }, 'Choose a model with an API key to see the cost.'));
      return;
    }
    replaceChildren(estimateBox, el('p', { class: 'muted' }, 'Estimating the cost…'));
    timer = setTimeout(runEstimate, ESTIMATE_DELAY_MS);
  }

  async function runEstimate() {
    const controller = new AbortController();
    pending = controller;
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    try {
      const result = await fetchEstimate(request(), controller.signal);
      if (controller.signal.aborted) return;
      current = result;
      showEstimate(result);
      startButton.disabled = result.photos <= 0;
    } catch (err) {
      if (controller.signal.aborted) return;
      model.setError(null);
      if (!applyFieldErrors(err, { model, promptId: prompt })) {
        replaceChildren(estimateBox,
          el('p', { class: 'text-fail' }, `The cost could not be estimated: ${errorMessage(err)}`),
          el('button', { type: 'button', class: 'btn btn--small btn--secondary', on: { click: scheduleEstimate } }, 'Try again'),
        );
      } else {
        replaceChildren(estimateBox, el('p', { class: 'muted' }, 'Fix the choice above to see the cost.'));
      }
    }
  }

  /** @param {Estimate} e */
  function showEstimate(e) {
    if (!redo.checked) describedCount = e.alreadyDescribed;
    redoRow.hidden = describedCount <= 0;
    redoText.textContent = ` Describe the ${plural(describedCount, 'photo')} that already ${describedCount === 1 ? 'has' : 'have'} a description again (adds a new version)`;
    replaceChildren(estimateBox, ...estimateView(e, models.find((m) => m.id === e.model) ?? model.selected()));
  }

  model.control.addEventListener('change', () => { model.setError(null); scheduleEstimate(); });
  prompt.control.addEventListener('change', scheduleEstimate);
  redo.addEventListener('change', scheduleEstimate);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current || current.photos <= 0) return;
    formError.hidden = true;
    const planned = current.photos;
    void withBusy(startButton, async () => {
      try {
        const batch = await createBatch(request());
        onCreated(batch);
        void announceBatch(batch);
        const chosen = model.selected();
        toast.success(`Describing ${plural(batch?.total ?? planned, 'photo')}${chosen ? ` with ${chosen.label || chosen.id}` : ''}. Progress shows in the bar at the top.`);
        close();
      } catch (err) {
        if (!applyFieldErrors(err, { model, promptId: prompt })) {
          formError.textContent = `Could not start: ${errorMessage(err)}`;
          formError.hidden = false;
        }
      }
    }).finally(() => {
      // withBusy re-enables the button; keep it off while there is nothing valid to start.
      if (!current || current.photos <= 0) startButton.disabled = true;
    });
  });

  scheduleEstimate();
}
