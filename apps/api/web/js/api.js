// The API client: every call carries the bearer token from the session; errors arrive as ApiProblem
// (the server's RFC 9457 problem document).

/** An error answer of the API. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem?.code;
    this.title = problem?.title;
    this.detail = problem?.detail;
    /** For 400: [{ field, messages }] */
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.currentRevision = problem?.currentRevision;
  }
}

/** `getToken()` reads the current token; `onUnauthorized()` is told when the server stops accepting it. */
export function createApi({ getToken, onUnauthorized }) {
  /** `body` goes as JSON; `text` (for the one route that takes plain text, POST /log/verify) as it is. */
  async function request(method, path, { body, text: plainText, signal, headers: extra = {} } = {}) {
    const headers = { Accept: 'application/json', ...extra };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (plainText !== undefined) headers['Content-Type'] = 'text/plain; charset=utf-8';
    const payload = plainText ?? (body === undefined ? undefined : JSON.stringify(body));
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload, signal, cache: 'no-store' });
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      throw new ApiProblem(0, { title: 'The server cannot be reached', detail: 'The server cannot be reached; check the connection and try again.' });
    }
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) onUnauthorized?.();
      throw new ApiProblem(response.status, json);
    }
    return json;
  }
  return {
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    postText: (path, text, options) => request('POST', path, { ...options, text }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
  };
}

/** A path with its query string; undefined and empty values are left out. */
export function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export const storyPath = (storyId) => `/stories/${encodeURIComponent(storyId)}`;

/**
 * The header that bases a write on the revision the editor was looking at: if the story has moved on
 * since, the server refuses it (412, with `currentRevision`) instead of overwriting what it did not show.
 */
export function ifMatch(revision) {
  if (!Number.isInteger(revision) || revision < 1) throw new Error(`ifMatch(): ${revision} is not a revision`);
  return { 'If-Match': `"${revision}"` };
}

/** A fresh Idempotency-Key: a retried write (a lost answer) is then applied once only. */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `page-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
