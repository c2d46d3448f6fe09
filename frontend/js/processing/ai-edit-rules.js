import { ApiError } from '../api.js';

// What the edit form accepts: the server's limits (checked in the browser
// before a round trip), how typed keywords are read, and how a validation
// problem from the server lands on the two fields.

/** Matches the server's column size, so the limit is met before a round trip. */
export const MAX_DESCRIPTION = 8000;
export const MAX_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 60;

/**
 * Comma- or newline-separated keywords, trimmed, lower-cased, without duplicates.
 * @param {string} raw
 */
export function parseKeywords(raw) {
  const seen = new Set();
  /** @type {string[]} */
  const out = [];
  for (const part of raw.split(/[,\n]/)) {
    const word = part.trim().replace(/\s+/g, ' ').toLowerCase();
    if (word && !seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

/**
 * Spreads a validation problem over the two fields. The server may key keyword errors per item
 * ("keywords[3]"), which the shared helper does not match, so they are collected here.
 * @param {unknown} err
 * @param {{ setError: (m: string | null) => void, textarea: HTMLTextAreaElement }} description
 * @param {import('../ui/forms.js').Field} keywords
 */
export function placeFieldErrors(err, description, keywords) {
  if (!(err instanceof ApiError) || !err.errors) return false;
  /** @type {string[]} */
  const forDescription = [];
  /** @type {string[]} */
  const forKeywords = [];
  for (const [key, messages] of Object.entries(err.errors)) {
    const k = key.replace(/^\$\.?/, '').toLowerCase();
    if (k.startsWith('description')) forDescription.push(...messages);
    else if (k.startsWith('keywords')) forKeywords.push(...messages);
  }
  if (forDescription.length) description.setError(forDescription.join(' '));
  if (forKeywords.length) keywords.setError(forKeywords.join(' '));
  if (forDescription.length) description.textarea.focus();
  else if (forKeywords.length) keywords.control.focus();
  return forDescription.length + forKeywords.length > 0;
}
