/**
 * Query parameters that carry a credential by convention (RFC 6750 §2.3 names `access_token`). A token
 * in a URL ends up in logs, browser history and Referer headers, so a request with one is refused
 * whoever sends it, and its value is redacted from our own logs.
 */
export const CREDENTIAL_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'access_token',
  'token',
  'id_token',
  'refresh_token',
  'bearer',
  'api_key',
  'apikey',
  'auth',
  'authorization',
  'password',
  'secret',
]);

export function isCredentialParameter(name: string): boolean {
  return CREDENTIAL_QUERY_PARAMETERS.has(name.trim().toLowerCase());
}

/** The names of credential parameters in a URL's query string (`/stories?access_token=…` → access_token). */
export function credentialParametersIn(url: string): string[] {
  const query = url.indexOf('?');
  if (query === -1) return [];
  return [...new URLSearchParams(url.slice(query + 1)).keys()].filter(isCredentialParameter);
}

/** The URL with the value of every credential parameter replaced, for logs. */
export function redactCredentials(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const redacted = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return isCredentialParameter(safeDecode(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${redacted.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
