import { el } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { field, applyFieldErrors, withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';
import { confirmDialog } from '../ui/modal.js';
import { timeAgo, dateTime } from '../ui/format.js';
import { getSettings, saveSettings, testKey } from './settings-api.js';

// One API key's card: masked value, where it comes from, the last test, and
// Save / Test / Clear.

/** @typedef {import('./settings-api.js').SecretStatus} SecretStatus */
/** @typedef {import('./keys-section.js').SecretMeta} SecretMeta */

const SOURCE_LABELS = { environment: 'from environment', saved: 'saved', none: 'not set' };

/**
 * @param {string} text
 * @param {string | null} iso
 */
function withWhen(text, iso) {
  const ago = timeAgo(iso);
  return ago ? `${text} · ${ago}` : text;
}

/**
 * @param {SecretStatus | undefined} status
 */
function maskedValue(status) {
  if (!status?.isSet) return 'Not set';
  return status.last4 ? `••••${status.last4}` : '••••••••';
}

/**
 * One card per secret: what is stored, and inputs to replace, clear or test it.
 * @param {SecretMeta} meta
 * @param {SecretStatus | undefined} initial
 */
export function secretCard(meta, initial) {
  const sourceBadge = el('span', { class: 'badge' });
  const value = el('p', { class: 'secret__value' });
  const validation = el('p', { class: 'secret__validation muted' });
  const input = field({
    label: `New ${meta.label}`,
    name: meta.name,
    attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'Paste a new value' },
  });
  const saveButton = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Save');
  const clearButton = el('button', { type: 'button', class: 'btn btn--ghost' }, 'Clear');
  const testButton = meta.provider ? el('button', { type: 'button', class: 'btn btn--secondary' }, 'Test') : null;
  const result = el('p', { class: 'secret__result', role: 'status', hidden: true });

  const form = el('form', { class: 'secret__form', novalidate: true },
    input.element,
    el('div', { class: 'button-row' }, saveButton, testButton, clearButton),
    result,
  );

  /** @type {SecretStatus | undefined} */
  let status = initial;

  /** @param {SecretStatus | undefined} next */
  function update(next) {
    status = next;
    const source = next?.source ?? 'none';
    sourceBadge.textContent = SOURCE_LABELS[source] ?? source;
    sourceBadge.className = `badge badge--${source}`;
    value.textContent = maskedValue(next);
    value.classList.toggle('muted', !next?.isSet);
    clearButton.hidden = source !== 'saved';
    if (meta.provider) {
      validation.hidden = false;
      validation.className = 'secret__validation';
      if (!next?.isSet) {
        validation.textContent = 'No key to test.';
        validation.classList.add('muted');
      } else if (next.lastValidationOk === true) {
        validation.textContent = withWhen('Last test passed', next.lastValidatedAt);
        validation.classList.add('text-ok');
      } else if (next.lastValidationOk === false) {
        validation.textContent = withWhen('Last test failed', next.lastValidatedAt);
        validation.classList.add('text-fail');
      } else {
        validation.textContent = 'Not tested yet.';
        validation.classList.add('muted');
      }
      if (next?.lastValidatedAt) validation.title = dateTime(next.lastValidatedAt);
    } else {
      validation.hidden = true;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    input.setError(null);
    const newValue = input.control.value.trim();
    if (!newValue) {
      input.setError('Paste a value to save, or use Clear to remove the saved one.');
      input.control.focus();
      return;
    }
    void withBusy(saveButton, async () => {
      try {
        await saveSettings({ secrets: { [meta.name]: newValue } });
        input.control.value = '';
        showResult(null);
        toast.success(`${meta.label} saved.`);
      } catch (err) {
        if (!applyFieldErrors(err, { [`secrets.${meta.name}`]: input })) {
          if (err instanceof ApiError && err.status === 400) input.setError(err.message);
          else toastError(err, `Could not save the ${meta.label}`);
        }
      }
    });
  });

  clearButton.addEventListener('click', async () => {
    // The API does not say whether an environment value hides behind a saved one, so both outcomes are named.
    const ok = await confirmDialog({
      title: `Clear the ${meta.label}?`,
      message: 'The saved value is removed. If the server has one in its environment, that one applies again; otherwise the key is not set.',
      confirmLabel: 'Clear key',
      danger: true,
    });
    if (!ok) return;
    await withBusy(clearButton, async () => {
      try {
        await saveSettings({ secrets: { [meta.name]: '' } });
        input.setError(null);
        showResult(null);
        toast.success(`${meta.label} cleared.`);
      } catch (err) {
        toastError(err, `Could not clear the ${meta.label}`);
      }
    });
  });

  if (testButton && meta.provider) {
    const provider = meta.provider;
    testButton.addEventListener('click', () => {
      const candidate = input.control.value.trim();
      if (!candidate && !status?.isSet) {
        input.setError('Paste a key to test, or save one first.');
        input.control.focus();
        return;
      }
      void withBusy(testButton, async () => {
        showResult({ pending: true, text: candidate ? 'Testing the key you entered…' : 'Testing the current key…' });
        try {
          const outcome = await testKey(provider, candidate || undefined);
          const text = outcome.ok
            ? `Works${outcome.model ? ` with ${outcome.model}` : ''}. ${outcome.message ?? ''}`.trim()
            : `Failed: ${outcome.message || 'the provider rejected the key.'}`;
          showResult({ ok: Boolean(outcome.ok), text });
          if (outcome.ok) toast.success(`${meta.label}: ${text}`);
          else toast.error(`${meta.label} test failed.`, { details: outcome.message || undefined });
        } catch (err) {
          // A test that could not run is reported as failed too: never leave it looking fine.
          showResult({ ok: false, text: `Failed: ${errorMessage(err)}` });
          toastError(err, `${meta.label} test failed`);
        }
        // The server records the outcome for stored keys; refresh so the badge and header dot follow.
        await getSettings().catch(() => undefined);
      });
    });
  }

  /** @param {{ ok?: boolean, pending?: boolean, text: string } | null} outcome */
  function showResult(outcome) {
    result.hidden = !outcome;
    result.className = 'secret__result';
    if (!outcome) {
      result.textContent = '';
      return;
    }
    result.textContent = `${outcome.pending ? '' : outcome.ok ? '✓ ' : '✗ '}${outcome.text}`;
    result.classList.add(outcome.pending ? 'secret__result--pending' : outcome.ok ? 'secret__result--ok' : 'secret__result--fail');
  }

  const element = el('article', { class: 'card secret', 'data-secret': meta.name, 'aria-labelledby': `${meta.name}-title` },
    el('div', { class: 'secret__head' },
      el('h3', { class: 'secret__title', id: `${meta.name}-title` }, meta.label),
      sourceBadge,
    ),
    el('p', { class: 'secret__help muted' }, meta.help),
    value,
    validation,
    form,
  );
  update(initial);
  return { element, name: meta.name, update };
}

