import { h, replaceChildren } from '../dom.js';

/** Asks for a token, checks it with GET /me and keeps it for this tab only. */
export function renderSignIn(container, { session, onSignedIn }) {
  const error = h('p', { class: 'field__error', id: 'token-error', hidden: true });
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-hint',
  });
  const button = h('button', { type: 'submit', class: 'button' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card sign-in', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'token' }, 'Access token'),
      h('p', { class: 'field__hint', id: 'token-hint' }, 'Your token from the newsroom administrator. It is kept in this browser tab only and forgotten when you close it.'),
      input,
      error,
    ),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    if (!token) return showError('Enter your access token.');
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const response = await fetch('/me', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, cache: 'no-store' });
      if (response.status === 401) return showError('This token is not known. Check it and try again.');
      if (response.status === 403) return showError(cannotRead(await response.json().catch(() => undefined)));
      if (!response.ok) return showError(`The server answered ${response.status}; try again.`);
      const principal = await response.json();
      // GET /me answers any role; a redactor's token alone reads no story.
      const reads = (principal.roles ?? []).some((role) => role === 'reporter' || role === 'editor' || role === 'auditor');
      if (!reads) return showError(cannotRead({ detail: `${principal.actor} has ${(principal.roles ?? []).join(', ')}` }));
      session.signIn(token, principal);
      onSignedIn();
    } catch {
      showError('The server cannot be reached; check the connection and try again.');
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });
  function cannotRead(problem) {
    return `This token cannot read stories${problem?.detail ? ` (${problem.detail})` : ''}. The page needs a reporter’s, editor’s or auditor’s role; a redactor needs one of them too.`;
  }
  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    error.setAttribute('role', 'alert');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'token-hint token-error');
    input.focus();
  }
  replaceChildren(
    container,
    h('h1', { tabindex: '-1' }, 'Sign in'),
    h('p', { class: 'lede' }, 'Story Tracker keeps the full history of developing news stories: every figure, meeting, demand and statement, as it was recorded and as it changed.'),
    form,
  );
  document.title = 'Sign in · Story Tracker';
  return { dispose() {} };
}
