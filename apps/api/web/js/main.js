import { createApi } from './api.js';
import { h, replaceChildren } from './dom.js';
import { createSession } from './session.js';
import { loadDevelopmentTypes } from './development-types.js';
import { alertsPanel } from './views/alerts-panel.js';
import { renderAuditView } from './views/audit.js';
import { renderDiffView } from './views/diff-view.js';
import { renderSignIn } from './views/sign-in.js';
import { renderStoryList } from './views/story-list.js';
import { renderStoryView } from './views/story-view.js';

const main = document.getElementById('main');
const sessionArea = document.getElementById('session');
const toasts = document.getElementById('toasts');
const alertsArea = document.getElementById('alerts');

const session = createSession();
const api = createApi({
  getToken: () => session.token,
  onUnauthorized: () => {
    session.signOut();
    showRoute();
  },
});

let currentView;
/**
 * Which showRoute is the latest: one that awaited the server while the route changed again is stale,
 * and must not render (it would read the new hash and render that view a second time).
 */
let routeGeneration = 0;
/** The alerts panel lives from sign-in to sign-out, whatever the route. */
let alerts;

/** `#/`, `#/stories/{id}` (`?revision=N`), `#/stories/{id}/diff?from=N&to=M`, `#/audit`. */
export function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  let parts;
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found', params };
  }
  if (parts.length === 0) return { name: 'list', params };
  if (parts[0] === 'audit' && parts.length === 1) return { name: 'audit', params };
  if (parts[0] === 'stories' && parts.length === 2) return { name: 'story', storyId: parts[1], params };
  if (parts[0] === 'stories' && parts.length === 3 && parts[2] === 'diff') return { name: 'diff', storyId: parts[1], params };
  return { name: 'not-found', params };
}

/**
 * A passing notice. The notices sit in the page's flow under the masthead, never over the content,
 * and go after a few seconds (an error stays until it is dismissed).
 */
function toast(text, kind = 'info') {
  const item = h('p', { class: `toast toast--${kind}` }, h('span', { class: 'toast__text' }, text));
  const dismiss = h('button', { type: 'button', class: 'toast__close', 'aria-label': 'Dismiss this notice' }, '×');
  dismiss.addEventListener('click', () => item.remove());
  item.append(dismiss);
  toasts.append(item);
  while (toasts.children.length > 3) toasts.firstElementChild.remove();
  if (kind !== 'error') setTimeout(() => item.remove(), 6000);
}

function renderSessionArea() {
  if (!session.token || !session.principal) {
    replaceChildren(sessionArea);
    alerts?.dispose();
    alerts = undefined;
    return;
  }
  if (session.mayWatch) alerts ??= alertsPanel(alertsArea, { api, session });
  const { actor, roles } = session.principal;
  replaceChildren(
    sessionArea,
    session.isAuditor && h('a', { class: 'masthead__link', href: '#/audit' }, 'Audit'),
    h('span', { class: 'masthead__who' }, 'Signed in as ', h('strong', {}, actor), ` (${roles.join(', ')})`),
    h('button', { type: 'button', class: 'button button--quiet', onclick: signOut }, 'Sign out'),
  );
}

function signOut() {
  session.signOut();
  toast('Signed out');
  showRoute();
}

async function showRoute({ focus = true } = {}) {
  const generation = ++routeGeneration;
  const superseded = () => generation !== routeGeneration;
  currentView?.dispose?.();
  currentView = undefined;
  renderSessionArea();
  const context = { api, session, toast, navigate: (hash) => (location.hash = hash) };
  if (!session.token) {
    currentView = renderSignIn(main, {
      ...context,
      // No notice: the masthead says who is signed in (and announces it), without covering anything.
      onSignedIn: () => showRoute(),
    });
    if (focus) main.querySelector('h1')?.focus();
    return;
  }
  if (!session.principal) {
    replaceChildren(main, h('p', { class: 'loading' }, 'Signing in…'));
    try {
      const principal = await api.get('/me');
      if (superseded()) return;
      session.remember(principal);
    } catch (problem) {
      if (superseded()) return;
      if (problem.status === 403) {
        // A token the server knows, without a role that reads stories (a redactor's alone): say so, and let them change it.
        replaceChildren(main, h('div', { class: 'notice notice--error', role: 'alert' },
          h('p', {}, `This token cannot read stories (${problem.message}). The page needs a reporter’s, editor’s or auditor’s role; a redactor needs one of them too.`),
          h('button', { type: 'button', class: 'button button--quiet', onclick: signOut }, 'Sign in with another token')));
      } else if (problem.status !== 401) replaceChildren(main, h('p', { class: 'notice notice--error', role: 'alert' }, problem.message));
      return; // 401: onUnauthorized has shown the sign-in form
    }
    renderSessionArea();
  }
  try {
    // The forms are built from the server's development types.
    await loadDevelopmentTypes(api);
  } catch (problem) {
    if (superseded()) return;
    if (problem.status !== 401) replaceChildren(main, h('p', { class: 'notice notice--error', role: 'alert' }, problem.message));
    return;
  }
  if (superseded()) return;
  const route = parseRoute(location.hash);
  if (route.name === 'list') currentView = renderStoryList(main, context, route.params);
  else if (route.name === 'story') currentView = renderStoryView(main, context, route.storyId, route.params);
  else if (route.name === 'diff') currentView = renderDiffView(main, context, route.storyId, route.params);
  else if (route.name === 'audit') currentView = renderAuditView(main, context);
  else {
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the stories')));
  }
  document.title = `${main.querySelector('h1')?.textContent || 'Stories'} · Story Tracker`;
  if (focus) main.querySelector('h1')?.focus({ preventScroll: false });
}

window.addEventListener('hashchange', () => {
  if (!location.hash.startsWith('#/') && location.hash !== '') return;
  window.scrollTo(0, 0);
  showRoute();
});

// The skip link must not change the route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

showRoute({ focus: false });
