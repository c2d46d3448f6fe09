import { el } from '../ui/dom.js';
import { field, applyFieldErrors, withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';
import { saveSettings, onSettingsChange } from './settings-api.js';
import { secretCard } from './secret-card.js';

// Settings → Keys & provider: the AI provider and models, the public address,
// and one card per API key (masked, source, test, save, clear).

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


/**
 * Renders the provider form and the key cards into a settings panel.
 * @param {HTMLElement} panel
 * @param {Settings} settings
 * @returns {() => void} cleanup
 */
export function mountKeySettings(panel, settings) {
  const cards = SECRETS.map((meta) => secretCard(meta, settings.secrets[meta.name]));
  const prefs = preferencesForm(settings);
  panel.append(
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
  );
  return onSettingsChange((next) => {
    for (const card of cards) card.update(next.secrets[card.name]);
  });
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
