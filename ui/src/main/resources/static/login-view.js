// login-view.js — the log in / register screen. It validates what it cheaply can, hands the
// credentials to the app and shows every error next to the field it concerns.

import { h, icon, logo } from './dom.js';

// Server field names (problem+json `errors[].field`) → the input that shows them.
const FIELD_OF = { email: 'email', password: 'password', displayName: 'display-name' };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * @param {HTMLElement} root
 * @param {{onLogin: Function, onRegister: Function, notice?: string}} o
 *   onLogin/onRegister receive {email, password, displayName} and return a promise that
 *   rejects with an ApiError on failure.
 */
export function renderAuth(root, { onLogin, onRegister, notice }) {
  let mode = location.hash === '#register' ? 'register' : 'login';
  let busy = false;

  const fields = {
    email: field('email', 'Email', { type: 'email', autocomplete: 'email', placeholder: 'you@example.com', spellcheck: 'false' }),
    password: field('password', 'Password', { type: 'password', placeholder: '••••••••' }),
    'display-name': field('display-name', 'Display name', { type: 'text', autocomplete: 'nickname', maxlength: 50, placeholder: 'How others see you' }, 'Optional — shown to people in your rooms.'),
  };
  const formError = h('div', { class: 'form-error', role: 'alert', testid: 'auth-error', hidden: true });
  const noticeBox = notice ? h('div', { class: 'form-notice', role: 'status', testid: 'auth-notice' }, notice) : null;
  const submitSlot = h('div', { class: 'submit-slot' });
  const loginTab = tab('login', 'Log in');
  const registerTab = tab('register', 'Register');
  const form = h('form', { class: 'auth-form', novalidate: true, onSubmit: submit },
    noticeBox, formError, fields['display-name'].wrap, fields.email.wrap, fields.password.wrap, submitSlot);

  function tab(name, label) {
    return h('button', { type: 'button', role: 'tab', class: 'tab', testid: `${name}-tab`, onClick: () => setMode(name) }, label);
  }

  function field(name, label, attrs, hint) {
    const id = `auth-${name}`;
    const errorId = `${id}-error`;
    const input = h('input', { id, name, testid: name, 'aria-describedby': errorId, ...attrs });
    const error = h('div', { class: 'field-error', id: errorId, testid: `${name}-error`, hidden: true });
    const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('div', { class: 'field-hint' }, hint) : null, error);
    return { input, error, wrap };
  }

  function setMode(next) {
    mode = next;
    history.replaceState(null, '', next === 'register' ? '#register' : location.pathname + location.search);
    loginTab.setAttribute('aria-selected', String(mode === 'login'));
    registerTab.setAttribute('aria-selected', String(mode === 'register'));
    // Only the active mode's submit button is in the DOM, so each button test id is unique.
    fields['display-name'].wrap.hidden = mode !== 'register';
    fields['display-name'].input.disabled = mode !== 'register';
    fields.password.input.autocomplete = mode === 'register' ? 'new-password' : 'current-password';
    submitSlot.replaceChildren(
      mode === 'login'
        ? h('button', { type: 'submit', class: 'btn btn-primary btn-block', testid: 'login-button' }, 'Log in')
        : h('button', { type: 'submit', class: 'btn btn-primary btn-block', testid: 'register-button' }, 'Create account'),
    );
    clearErrors();
  }

  function clearErrors() {
    formError.hidden = true;
    for (const f of Object.values(fields)) {
      f.error.hidden = true;
      f.error.textContent = '';
      f.input.removeAttribute('aria-invalid');
    }
  }

  function showFieldError(name, message) {
    const f = fields[name];
    if (!f || f.wrap.hidden) return false;
    f.error.textContent = f.error.textContent ? `${f.error.textContent} ${message}` : message;
    f.error.hidden = false;
    f.input.setAttribute('aria-invalid', 'true');
    return true;
  }

  function showFormError(message) {
    formError.replaceChildren(icon('alert', 18), h('span', {}, message));
    formError.hidden = false;
  }

  // Cheap checks only; the server stays the judge and its errors land in the same places.
  function validate(values) {
    const problems = [];
    if (!EMAIL_RE.test(values.email)) problems.push(['email', 'Enter a valid email address.']);
    if (mode === 'register' && (values.password.length < 8 || values.password.length > 100)) problems.push(['password', 'Use 8 to 100 characters.']);
    if (mode === 'login' && !values.password) problems.push(['password', 'Enter your password.']);
    problems.forEach(([name, message]) => showFieldError(name, message));
    return problems.length === 0;
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    clearErrors();
    const values = {
      email: fields.email.input.value.trim(),
      password: fields.password.input.value,
      displayName: fields['display-name'].input.value.trim(),
    };
    if (!validate(values)) return;
    const button = submitSlot.querySelector('button');
    busy = true;
    button.disabled = true;
    button.classList.add('is-busy');
    try {
      await (mode === 'login' ? onLogin(values) : onRegister(values));
    } catch (error) {
      showApiError(error);
      busy = false;
      if (button.isConnected) {
        button.disabled = false;
        button.classList.remove('is-busy');
      }
    }
  }

  function showApiError(error) {
    if (mode === 'login' && error.status === 401) return showFormError('Incorrect email or password.');
    if (error.code === 'EMAIL_TAKEN') return showFieldError('email', 'An account with this email already exists. Log in instead?');
    let placed = false;
    for (const { field: name, message } of error.fieldErrors ?? []) {
      if (showFieldError(FIELD_OF[name] ?? name, message)) placed = true;
      else showFormError(message);
    }
    if (!placed && !(error.fieldErrors ?? []).length) showFormError(error.message || 'Something went wrong. Please try again.');
  }

  root.replaceChildren(
    h('main', { class: 'auth-screen' },
      h('section', { class: 'auth-hero', 'aria-hidden': 'true' },
        h('div', { class: 'hero-brand' }, logo(40), h('span', {}, 'Parley')),
        h('h2', {}, 'Conversations that keep up with you.'),
        h('ul', { class: 'hero-points' },
          h('li', {}, icon('checks', 18), 'Messages arrive in order, exactly once'),
          h('li', {}, icon('users', 18), 'See who is online and who is typing'),
          h('li', {}, icon('retry', 18), 'Drop your connection — pick up where you left off')),
        h('div', { class: 'hero-bubbles' },
          h('div', { class: 'hero-bubble' }, 'Is the release still on for Friday?'),
          h('div', { class: 'hero-bubble own' }, 'Yes — staging looks green.'))),
      h('section', { class: 'auth-panel' },
        h('div', { class: 'auth-card' },
          h('div', { class: 'auth-brand' }, logo(36), h('span', {}, 'Parley')),
          h('h1', { class: 'auth-title' }, 'Welcome'),
          h('p', { class: 'auth-subtitle' }, 'Log in or create an account to start chatting.'),
          h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Account' }, loginTab, registerTab),
          form))),
  );
  setMode(mode);
  fields.email.input.focus();
}
