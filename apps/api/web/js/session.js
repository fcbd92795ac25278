// The signed-in token lives in sessionStorage only: gone when the tab closes, never in a URL or a cookie.

const TOKEN_KEY = 'story-tracker.token';

export function createSession() {
  let token = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  let principal; // { actor, roles } from GET /me
  return {
    get token() {
      return token;
    },
    get principal() {
      return principal;
    },
    get isEditor() {
      return principal?.roles?.includes('editor') ?? false;
    },
    get isAuditor() {
      return principal?.roles?.includes('auditor') ?? false;
    },
    /** May watch stories and read alerts: a reporter, and so an editor or an auditor (a redactor alone may not). */
    get mayWatch() {
      return principal?.roles?.some((role) => role === 'reporter' || role === 'editor' || role === 'auditor') ?? false;
    },
    /** May redact fields of developments (a role of its own: an editor is not a redactor unless given it too). */
    get isRedactor() {
      return principal?.roles?.includes('redactor') ?? false;
    },
    signIn(newToken, who) {
      token = newToken;
      principal = who;
      sessionStorage.setItem(TOKEN_KEY, newToken);
    },
    remember(who) {
      principal = who;
    },
    signOut() {
      token = undefined;
      principal = undefined;
      sessionStorage.removeItem(TOKEN_KEY);
    },
  };
}
