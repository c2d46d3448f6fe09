import { ApiError, get, patch, del, readCookie } from '../api.js';

// Chat calls. A turn is a POST answered with server-sent events, so it is read
// from fetch's body stream (EventSource only does GET); aborting the signal
// closes the connection, and the server aborts the provider request with it.

/**
 * @typedef {import('../library/library-api.js').PhotoSummary & { albumName: string, keywords: string[], description: string | null }} CitedPhoto
 * @typedef {{ query: string, total: number, returned: number, error: string | null, searchUrl: string | null }} ChatSearch
 * @typedef {{ provider: string | null, model: string | null, inputTokens: number, outputTokens: number, costUsd: number }} ChatUsage
 * @typedef {{ id: number, role: 'user' | 'assistant', text: string, status: 'complete' | 'stopped' | 'failed', error: string | null,
 *   citations: CitedPhoto[], retrieved: number, searches: ChatSearch[], usage: ChatUsage | null }} ChatMessage
 * @typedef {{ id: string, title: string, updatedAt: string, messages: number }} ConversationSummary
 * @typedef {{ id: string, title: string, messages: ChatMessage[] }} Conversation
 */

/** @returns {Promise<{ available: boolean, provider: string | null, model: string | null, message: string | null }>} */
export const getChatStatus = () => get('/api/chat/status');

/** @returns {Promise<{ questions: string[] }>} */
export const getSuggestions = () => get('/api/chat/suggestions');

/** @returns {Promise<{ items: ConversationSummary[], total: number }>} */
export const listConversations = () => get('/api/chat/conversations', { query: { pageSize: 100 } });

/** @param {string} id @returns {Promise<Conversation>} */
export const getConversation = (id) => get(`/api/chat/conversations/${encodeURIComponent(id)}`);

/** @param {string} id @param {string} title */
export const renameConversation = (id, title) => patch(`/api/chat/conversations/${encodeURIComponent(id)}`, { title });

/** @param {string} id */
export const deleteConversation = (id) => del(`/api/chat/conversations/${encodeURIComponent(id)}`);

/**
 * Asks a question and calls onEvent(name, data) for every server-sent event until the answer ends.
 * @param {{ question: string, conversationId?: string | null }} body
 * @param {(name: string, data: any) => void} onEvent
 * @param {AbortSignal} signal
 */
export async function askQuestion(body, onEvent, signal) {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/problem+json' };
  const token = readCookie('XSRF-TOKEN');
  if (token) headers['X-XSRF-TOKEN'] = token;
  let response;
  try {
    response = await fetch('/api/chat/turns', { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, title: 'Cannot reach the TargetVision server.' });
  }
  if (!response.ok || !response.body) {
    const problem = await response.json().catch(() => ({}));
    const error = new ApiError({ status: response.status, title: problem.title ?? 'The question could not be asked.', detail: problem.detail, errors: problem.errors });
    /** @type {any} */ (error).searchUrl = problem.searchUrl ?? null;
    throw error;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name && data) onEvent(name, JSON.parse(data));
    }
  }
}
