import * as api from '../api.js';

// Calls of the prompt editor (Settings → Prompts) and the prompt pickers: the
// saved prompts, the built-in templates, and a test run that saves nothing.

/** @typedef {import('./processing-api.js').PhotoId} PhotoId */

/**
 * @typedef {Object} Prompt
 * @property {string | number} id
 * @property {string} name
 * @property {string} text
 * @property {number} [version]
 * @property {number} [currentVersion]
 * @property {string | null} [builtInKey] "default" for the built-in prompt
 * @property {boolean} [active]
 * @property {boolean} [isActive]
 * @property {boolean} [isDefault]
 * @property {string} [createdAt]
 * @property {string} [updatedAt]
 *
 * @typedef {Object} PromptOption an optional instruction a template can add (count people, note smiles…)
 * @property {string} id
 * @property {string} label
 * @property {string} text
 *
 * @typedef {Object} PromptTemplate
 * @property {string} id
 * @property {string} name
 * @property {string} [summary]
 * @property {string} text
 * @property {PromptOption[]} [options]
 *
 * @typedef {Object} PromptTestResult
 * @property {string} description
 * @property {string[]} keywords
 * @property {number | null} [peopleCount]
 * @property {string | null} [setting]
 * @property {number} [inputTokens]
 * @property {number} [outputTokens]
 * @property {number} [costUsd]
 * @property {number} [latencyMs]
 * @property {string} [model]
 */

/**
 * The prompt list; tolerates a bare array or a `{ items }` page.
 * @param {AbortSignal} [signal]
 * @returns {Promise<Prompt[]>}
 */
export async function getPrompts(signal) {
  return listOf(await api.get('/api/prompts', { signal }));
}

/** @param {AbortSignal} [signal] @returns {Promise<PromptTemplate[]>} */
export async function getPromptTemplates(signal) {
  return listOf(await api.get('/api/prompts/templates', { signal }));
}

/** @param {{ name: string, text: string }} body @returns {Promise<Prompt>} */
export const createPrompt = (body) => api.post('/api/prompts', body);

/** @param {string | number} id @param {{ name: string, text: string }} body @returns {Promise<Prompt>} */
export const updatePrompt = (id, body) => api.put(`/api/prompts/${encodeURIComponent(String(id))}`, body);

/** @param {string | number} id */
export const activatePrompt = (id) => api.post(`/api/prompts/${encodeURIComponent(String(id))}/activate`);

export const resetPrompts = () => api.post('/api/prompts/reset');

/**
 * Runs a prompt once without saving anything: on a library photo (JSON) or an uploaded file (multipart).
 * @param {{ text: string, model?: string, photoId?: PhotoId, file?: File }} input
 * @param {AbortSignal} [signal]
 * @returns {Promise<PromptTestResult>}
 */
export function testPrompt(input, signal) {
  if (input.file) {
    const form = new FormData();
    form.append('text', input.text);
    if (input.model) form.append('model', input.model);
    form.append('file', input.file);
    return api.post('/api/prompts/test', form, { signal });
  }
  return api.post('/api/prompts/test', { text: input.text, photoId: input.photoId, model: input.model || undefined }, { signal });
}

/**
 * @template T
 * @param {unknown} data
 * @returns {T[]}
 */
function listOf(data) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && 'items' in data && Array.isArray(data.items)) return data.items;
  return [];
}
