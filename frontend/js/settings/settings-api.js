import * as api from '../api.js';
import { createStore } from '../core/store.js';

/**
 * @typedef {'environment' | 'saved' | 'none'} SecretSource
 *
 * @typedef {Object} SecretStatus
 * @property {boolean} isSet
 * @property {SecretSource} source
 * @property {string | null} last4
 * @property {string | null} lastValidatedAt ISO timestamp
 * @property {boolean | null} lastValidationOk
 *
 * @typedef {'anthropicApiKey' | 'openAiApiKey' | 'smugMugApiKey' | 'smugMugApiSecret'} SecretName
 *
 * @typedef {'anthropic' | 'openai'} AiProvider
 *
 * @typedef {Object} Preferences
 * @property {AiProvider} aiProvider
 * @property {string} anthropicModel
 * @property {string} openAiModel
 * @property {string | null} publicBaseUrl
 *
 * @typedef {Object} Settings
 * @property {Record<SecretName, SecretStatus>} secrets
 * @property {Preferences} preferences
 *
 * A partial update: omitted (or null) fields are unchanged; a secret set to ""
 * clears the saved value so the environment value (if any) applies again, and a
 * preference set to "" returns to the server's configured default.
 * @typedef {Object} SettingsUpdate
 * @property {Partial<Record<SecretName, string>>} [secrets]
 * @property {Partial<Preferences>} [preferences]
 *
 * @typedef {Object} KeyTestResult
 * @property {boolean} ok
 * @property {string} message
 * @property {string | null} model
 */

/** Every load or save is news (the header dot re-evaluates). */
const settings = createStore(/** @type {Settings | null} */ (null), { name: 'settings', equals: () => false });

/**
 * Notified whenever settings are loaded or saved anywhere (the header's AI dot listens).
 * @param {(settings: Settings) => void} listener
 * @returns {() => void}
 */
export function onSettingsChange(listener) {
  return settings.subscribe((value) => {
    if (value) listener(value);
  });
}

/** @param {Settings} value */
function publish(value) {
  settings.set(value);
  return value;
}

/**
 * @param {AbortSignal} [signal]
 * @returns {Promise<Settings>}
 */
export async function getSettings(signal) {
  return publish(await api.get('/api/settings', { signal }));
}

/**
 * @param {SettingsUpdate} update
 * @returns {Promise<Settings>}
 */
export async function saveSettings(update) {
  return publish(await api.put('/api/settings', update));
}

/**
 * Tests an AI key: the given one, or the stored/effective key when apiKey is omitted.
 * @param {AiProvider} provider
 * @param {string} [apiKey]
 * @returns {Promise<KeyTestResult>}
 */
export function testKey(provider, apiKey) {
  return api.post('/api/settings/test-key', apiKey ? { provider, apiKey } : { provider });
}
