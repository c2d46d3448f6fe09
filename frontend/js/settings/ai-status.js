// The header's AI status dot, derived from GET /api/settings:
// green  = an AI key was tested and works,
// yellow = a key is set but untested or its test result is unknown,
// red    = no key, or every set key failed its last test.

/** @typedef {'green' | 'yellow' | 'red' | 'unknown'} AiLevel */
/** @typedef {{ level: AiLevel, label: string }} AiStatus */

const PROVIDERS = /** @type {const} */ ([
  { key: 'anthropicApiKey', name: 'Anthropic' },
  { key: 'openAiApiKey', name: 'OpenAI' },
]);

/**
 * @param {import('./settings-api.js').Settings | null} settings
 * @returns {AiStatus}
 */
export function computeAiStatus(settings) {
  if (!settings?.secrets) return { level: 'unknown', label: 'AI status unknown' };
  const set = PROVIDERS
    .map((p) => ({ ...p, secret: settings.secrets[p.key] }))
    .filter((p) => p.secret?.isSet);

  const working = set.find((p) => p.secret.lastValidationOk === true);
  if (working) return { level: 'green', label: `AI ready: ${working.name} key works` };

  const unchecked = set.find((p) => p.secret.lastValidationOk !== false);
  if (unchecked) {
    const where = unchecked.secret.source === 'environment' ? 'from the environment' : 'saved';
    return { level: 'yellow', label: `${unchecked.name} key ${where}, not tested yet` };
  }
  if (set.length) return { level: 'red', label: `AI key test failed (${set.map((p) => p.name).join(', ')})` };
  return { level: 'red', label: 'No AI key set' };
}
