import { el, replaceChildren } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { field, applyFieldErrors, withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';
import { confirmDialog } from '../ui/modal.js';
import { timeAgo, dateTime } from '../ui/format.js';
import { refresh } from '../router.js';
import { getSettings, saveSettings, testKey, onSettingsChange } from './settings-api.js';
import { mountPromptSettings } from './prompts-section.js';
import { mountBatchSettings } from './batches-section.js';
import { mountCacheSettings } from './cache-section.js';
import { mountStatsSettings } from './stats-section.js';

/** @typedef {import('./settings-api.js').Settings} Settings */
/** @typedef {import('./settings-api.js').SecretName} SecretName */
/** @typedef {import('./settings-api.js').SecretStatus} SecretStatus */
/** @typedef {import('./settings-api.js').AiProvider} AiProvider */

/**
 * @typedef {Object} SecretMeta
 * @property {SecretName} name
 * @property {string} label
 * @property {string} help
 * @property {AiProvider} [provider] set for AI keys, which can be tested
 */

/** @type {SecretMeta[]} */
const SECRETS = [
  { name: 'anthropicApiKey', label: 'Anthropic API key', help: 'Used for descriptions and chat when the provider is Anthropic.', provider: 'anthropic' },
  { name: 'openAiApiKey', label: 'OpenAI API key', help: 'Used for descriptions and chat when the provider is OpenAI.', provider: 'openai' },
  { name: 'smugMugApiKey', label: 'SmugMug API key', help: 'From your SmugMug developer account; needed to connect SmugMug.' },
  { name: 'smugMugApiSecret', label: 'SmugMug API secret', help: 'The secret that belongs to the SmugMug API key.' },
];

const SOURCE_LABELS = { environment: 'from environment', saved: 'saved', none: 'not set' };

/** @type {import('../router.js').View} */
export async function settingsView(container, ctx) {
  const content = el('div', { class: 'stack' }, el('p', { class: 'muted', role: 'status' }, 'Loading settings…'));
  container.append(
    el('header', { class: 'page-header' },
      el('h1', { class: 'page-title' }, 'Settings'),
      el('p', { class: 'page-subtitle' }, 'AI provider, API keys and how this instance is reached.'),
    ),
    content,
  );

  /** @type {Settings} */
  let settings;
  try {
    settings = await getSettings(ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) return;
    replaceChildren(content, el('div', { class: 'empty-state' },
      el('p', { class: 'empty-state__title' }, 'Settings could not be loaded.'),
      el('p', { class: 'muted' }, errorMessage(err)),
      el('button', { type: 'button', class: 'btn btn--secondary', on: { click: () => void refresh() } }, 'Try again'),
    ));
    return;
  }

  const cards = SECRETS.map((meta) => secretCard(meta, settings.secrets[meta.name]));
  const prefs = preferencesForm(settings);

  replaceChildren(content,
    el('section', { class: 'settings-section', 'aria-labelledby': 'settings-ai-heading' },
      el('h2', { class: 'section-title', id: 'settings-ai-heading' }, 'AI provider'),
      prefs.element,
    ),
    el('section', { class: 'settings-section', 'aria-labelledby': 'settings-keys-heading' },
      el('h2', { class: 'section-title', id: 'settings-keys-heading' }, 'API keys'),
      el('p', { class: 'section-intro muted' },
        'Keys are stored encrypted on the server and never sent back to the browser; only the last four characters are shown. ',
        'A key from the environment applies until you save one here.'),
      el('div', { class: 'secret-grid' }, cards.map((c) => c.element)),
    ),
    // Filled by later features (description prompt, batch controls, cache, statistics).
    // Empty sections are hidden by CSS, so nothing placeholder-like is shown meanwhile.
    el('section', { id: 'settings-prompts', class: 'settings-section settings-slot' }),
    el('section', { id: 'settings-batches', class: 'settings-section settings-slot' }),
    el('section', { id: 'settings-cache', class: 'settings-section settings-slot' }),
    el('section', { id: 'settings-stats', class: 'settings-section settings-slot' }),
  );

  const off = onSettingsChange((next) => {
    for (const card of cards) card.update(next.secrets[card.name]);
  });
  /** @param {string} id */
  const slot = (id) => /** @type {HTMLElement} */ (content.querySelector(`#${id}`));
  mountPromptSettings(slot('settings-prompts'), ctx.signal);
  const offBatches = mountBatchSettings(slot('settings-batches'), ctx.signal);
  mountCacheSettings(slot('settings-cache'), ctx.signal);
  const offStats = mountStatsSettings(slot('settings-stats'), ctx.signal);
  return () => {
    off();
    offBatches();
    offStats();
  };
}

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
function secretCard(meta, initial) {
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

/**
 * Provider, models and public base URL.
 * @param {Settings} settings
 */
function preferencesForm(settings) {
  const p = settings.preferences;
  const providerSelect = el('select', null,
    el('option', { value: 'anthropic' }, 'Anthropic (Claude)'),
    el('option', { value: 'openai' }, 'OpenAI'),
  );
  providerSelect.value = p.aiProvider;
  const provider = field({ label: 'AI provider', name: 'aiProvider', control: providerSelect, hint: 'Used for photo descriptions and chat.' });
  const anthropicModel = field({ label: 'Anthropic model', name: 'anthropicModel', hint: 'Empty restores the default.', attrs: { type: 'text', value: p.anthropicModel ?? '', spellcheck: 'false', autocomplete: 'off' } });
  const openAiModel = field({ label: 'OpenAI model', name: 'openAiModel', hint: 'Empty restores the default.', attrs: { type: 'text', value: p.openAiModel ?? '', spellcheck: 'false', autocomplete: 'off' } });
  const publicBaseUrl = field({
    label: 'Public base URL', name: 'publicBaseUrl',
    hint: 'The address people use to reach this instance, e.g. https://photos.example.com. Used for the SmugMug sign-in callback. Empty restores the server’s configured value.',
    attrs: { type: 'url', value: p.publicBaseUrl ?? '', spellcheck: 'false', autocomplete: 'off', placeholder: 'https://photos.example.com' },
  });
  const saveButton = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Save preferences');

  const form = el('form', { class: 'card form form--grid', novalidate: true },
    provider.element, anthropicModel.element, openAiModel.element, publicBaseUrl.element,
    el('div', { class: 'button-row form__actions' }, saveButton),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const f of [provider, anthropicModel, openAiModel, publicBaseUrl]) f.setError(null);
    const url = publicBaseUrl.control.value.trim();
    if (url && !/^https?:\/\/[^\s/]+/i.test(url)) {
      publicBaseUrl.setError('Enter a full address starting with http:// or https://.');
      publicBaseUrl.control.focus();
      return;
    }
    void withBusy(saveButton, async () => {
      try {
        const saved = await saveSettings({
          preferences: {
            aiProvider: /** @type {AiProvider} */ (providerSelect.value),
            // "" resets a preference to the server's configured default; null would mean "unchanged".
            anthropicModel: anthropicModel.control.value.trim(),
            openAiModel: openAiModel.control.value.trim(),
            publicBaseUrl: url,
          },
        });
        // Show what the server ended up with (defaults for emptied fields, trimmed values).
        anthropicModel.control.value = saved.preferences.anthropicModel ?? '';
        openAiModel.control.value = saved.preferences.openAiModel ?? '';
        publicBaseUrl.control.value = saved.preferences.publicBaseUrl ?? '';
        toast.success('Preferences saved.');
      } catch (err) {
        const placed = applyFieldErrors(err, {
          'preferences.aiProvider': provider,
          'preferences.anthropicModel': anthropicModel,
          'preferences.openAiModel': openAiModel,
          'preferences.publicBaseUrl': publicBaseUrl,
        });
        if (!placed) toastError(err, 'Could not save preferences');
      }
    });
  });

  return { element: form };
}
