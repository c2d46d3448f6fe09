import { el } from '../ui/dom.js';
import { get, post, del, errorMessage } from '../api.js';
import { timeAgo } from '../ui/format.js';
import { confirmDialog } from '../ui/modal.js';
import { toastError } from '../ui/toast.js';

// Settings → MCP: personal access tokens for other agents (Claude Desktop, any
// MCP client). The server at /mcp is off until a token exists; a new token's
// secret is shown once, then only its prefix and last use.

/** @typedef {{ id: number, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }} McpToken */

/**
 * @param {HTMLElement} panel
 * @param {AbortSignal} signal
 */
export function mountMcpSettings(panel, signal) {
  const list = el('ul', { class: 'stack', 'aria-label': 'Access tokens' });
  const once = el('div', { role: 'status' });
  const name = el('input', { class: 'input', id: 'mcp-token-name', maxlength: '100', placeholder: 'e.g. Claude Desktop' });
  const form = el('form', { class: 'stack' },
    el('label', { for: 'mcp-token-name' }, 'Token name'), name,
    el('button', { type: 'submit', class: 'btn btn--primary' }, 'Create token'));
  const endpoint = `${window.location.origin}/mcp`;
  panel.replaceChildren(el('section', { class: 'card stack' },
    el('h2', null, 'MCP server'),
    el('p', { class: 'muted' }, `Other agents can search your library (read-only) through the Model Context Protocol at ${endpoint}, with a token sent as “Authorization: Bearer …”. It is off until you create a token. See docs/mcp.md for client configuration.`),
    form, once, el('h3', null, 'Tokens'), list));

  async function refresh() {
    try {
      /** @type {McpToken[]} */
      const tokens = await get('/api/mcp/tokens', { signal });
      list.replaceChildren(...(tokens.length === 0 ? [el('li', { class: 'muted' }, 'No tokens: the MCP server is off.')] : tokens.map(row)));
    } catch (err) {
      if (!signal.aborted) list.replaceChildren(el('li', { class: 'text-fail' }, errorMessage(err)));
    }
  }

  /** @param {McpToken} token */
  function row(token) {
    const used = token.lastUsedAt ? `last used ${timeAgo(token.lastUsedAt)}` : 'never used';
    const state = token.revokedAt ? `revoked ${timeAgo(token.revokedAt)}` : used;
    return el('li', { class: 'mcp-token' },
      el('strong', null, token.name), ' ', el('code', null, `${token.prefix}…`), ' ',
      el('span', { class: 'small muted' }, `created ${timeAgo(token.createdAt)} · ${state}`), ' ',
      token.revokedAt ? null : el('button', { type: 'button', class: 'btn btn--small', on: { click: () => revoke(token) } }, 'Revoke'));
  }

  /** @param {McpToken} token */
  async function revoke(token) {
    if (!await confirmDialog({ title: 'Revoke token?', message: `Agents using “${token.name}” lose access at once.`, confirmLabel: 'Revoke', danger: true })) return;
    try { await del(`/api/mcp/tokens/${token.id}`); } catch (err) { toastError(err, 'Revoking failed'); }
    await refresh();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await post('/api/mcp/tokens', { name: name.value });
      name.value = '';
      once.replaceChildren(el('p', null, 'Copy this token now — it will not be shown again:'),
        el('p', { class: 'mcp-token-once', 'data-testid': 'mcp-secret' }, created.secret));
      await refresh();
    } catch (err) {
      once.replaceChildren(el('p', { class: 'text-fail', role: 'alert' }, errorMessage(err)));
    }
  });
  void refresh();
}
