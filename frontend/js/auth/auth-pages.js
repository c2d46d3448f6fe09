import { el } from '../ui/dom.js';
import { ApiError, errorMessage } from '../api.js';
import { field, applyFieldErrors, withBusy } from '../ui/forms.js';
import { login, setupOwner, loadStatus } from './session.js';
import { navigate, safeNext } from '../router.js';
import { toast } from '../ui/toast.js';

const MIN_PASSWORD = 10;

/**
 * @param {string} title
 * @param {string} intro
 * @param {HTMLElement} form
 */
function authCard(title, intro, form) {
  return el('div', { class: 'auth' },
    el('div', { class: 'auth__card card' },
      el('img', { class: 'auth__logo', src: '/img/logo.svg', alt: '', width: '48', height: '48' }),
      el('h1', { class: 'auth__title' }, title),
      el('p', { class: 'auth__intro' }, intro),
      form,
    ),
  );
}

function formAlert() {
  const box = el('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  return {
    element: box,
    /** @param {string | null} message */
    set(message) {
      box.textContent = message ?? '';
      box.hidden = !message;
    },
  };
}

/** @type {import('../router.js').View} */
export function loginView(container, ctx) {
  const email = field({ label: 'Email', name: 'email', attrs: { type: 'email', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' } });
  const password = field({ label: 'Password', name: 'password', attrs: { type: 'password', autocomplete: 'current-password', required: true } });
  const alert = formAlert();
  const submit = el('button', { type: 'submit', class: 'btn btn--primary btn--block' }, 'Sign in');
  const form = el('form', { class: 'form', novalidate: true }, alert.element, email.element, password.element, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.set(null);
    const emailValue = email.control.value.trim();
    const passwordValue = password.control.value;
    if (!emailValue || !passwordValue) {
      alert.set('Enter your email and password.');
      (emailValue ? password : email).control.focus();
      return;
    }
    void withBusy(submit, async () => {
      try {
        await login(emailValue, passwordValue);
        await navigate(safeNext(ctx.query.get('next')), { replace: true });
      } catch (err) {
        password.control.value = '';
        if (err instanceof ApiError && err.status === 429) {
          alert.set('Too many attempts, try again in a minute.');
        } else if (err instanceof ApiError && err.status === 401) {
          alert.set('Invalid email or password.');
        } else if (!applyFieldErrors(err, { email, password })) {
          alert.set(errorMessage(err));
        }
        password.control.focus();
      }
    });
  });

  container.appendChild(authCard('Sign in', 'Welcome back. Sign in to your TargetVision library.', form));
  email.control.focus();
}

/** @type {import('../router.js').View} */
export function setupView(container) {
  const email = field({ label: 'Email', name: 'email', attrs: { type: 'email', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' } });
  const password = field({
    label: 'Password', name: 'password', hint: `At least ${MIN_PASSWORD} characters.`,
    attrs: { type: 'password', autocomplete: 'new-password', required: true, minlength: String(MIN_PASSWORD) },
  });
  const confirm = field({ label: 'Repeat password', name: 'confirm', attrs: { type: 'password', autocomplete: 'new-password', required: true } });
  const alert = formAlert();
  const submit = el('button', { type: 'submit', class: 'btn btn--primary btn--block' }, 'Create owner account');
  const form = el('form', { class: 'form', novalidate: true }, alert.element, email.element, password.element, confirm.element, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.set(null);
    const emailValue = email.control.value.trim();
    const passwordValue = password.control.value;
    let ok = true;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailValue)) {
      email.setError('Enter a valid email address.');
      ok = false;
    }
    if (passwordValue.length < MIN_PASSWORD) {
      password.setError(`Use at least ${MIN_PASSWORD} characters.`);
      ok = false;
    } else if (passwordValue !== confirm.control.value) {
      confirm.setError('The passwords do not match.');
      ok = false;
    }
    if (!ok) {
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    void withBusy(submit, async () => {
      try {
        await setupOwner(emailValue, passwordValue);
        await navigate('/settings', { replace: true });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          // Someone finished setup first (another tab); the normal sign-in applies now.
          await loadStatus().catch(() => undefined);
          await navigate('/login', { replace: true });
          toast.info('An owner account already exists. Sign in instead.');
          return;
        }
        if (!applyFieldErrors(err, { email, password })) alert.set(errorMessage(err));
      }
    });
  });

  container.appendChild(authCard(
    'Set up TargetVision',
    'Create the owner account for this instance. Only this account can sign in.',
    form,
  ));
  email.control.focus();
}
