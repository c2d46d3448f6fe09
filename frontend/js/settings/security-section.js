import { el, replaceChildren, uid } from '../ui/dom.js';
import { post } from '../api.js';
import { applyFieldErrors, field, withBusy } from '../ui/forms.js';
import { toast, toastError } from '../ui/toast.js';

// Settings → Sign-in: end the sessions of other browsers and devices, and
// change the password (which ends them too). The server keeps a security stamp
// per owner, so a copied session cookie stops working as well.

/**
 * @param {HTMLElement} section
 */
export function mountSecuritySettings(section) {
  const headingId = uid('security-heading');
  section.setAttribute('aria-labelledby', headingId);

  const everywhere = el('button', { type: 'button', class: 'btn btn--secondary', 'data-testid': 'sign-out-everywhere' },
    'Sign out everywhere else');
  everywhere.addEventListener('click', () => void withBusy(everywhere, async () => {
    try {
      await post('/api/auth/sign-out-everywhere');
      toast.success('Every other session is signed out. This one stays signed in.');
    } catch (err) {
      toastError(err, 'Could not sign out the other sessions');
    }
  }));

  const current = field({ label: 'Current password', name: 'currentPassword', attrs: { type: 'password', autocomplete: 'current-password' } });
  const next = field({ label: 'New password', name: 'newPassword', hint: 'At least 10 characters.', attrs: { type: 'password', autocomplete: 'new-password', minlength: '10' } });
  const save = el('button', { type: 'submit', class: 'btn btn--primary' }, 'Change password');
  const form = el('form', { class: 'stack', novalidate: true }, current.element, next.element, el('div', { class: 'button-row' }, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(save, async () => {
      try {
        await post('/api/auth/password', {
          currentPassword: /** @type {HTMLInputElement} */ (current.control).value,
          newPassword: /** @type {HTMLInputElement} */ (next.control).value,
        });
        form.reset();
        toast.success('Password changed. Other sessions are signed out.');
      } catch (err) {
        if (!applyFieldErrors(err, { currentPassword: current, newPassword: next })) toastError(err, 'Could not change the password');
      }
    });
  });

  replaceChildren(section,
    el('h2', { class: 'section-title', id: headingId }, 'Sign-in'),
    el('p', { class: 'section-intro muted' },
      'Signing out ends a session on the server, not only in this browser. Lost a device or used a shared computer? End every other session here.'),
    el('div', { class: 'card stack' }, el('div', { class: 'button-row' }, everywhere)),
    el('h3', null, 'Password'),
    el('div', { class: 'card' }, form));
}
