import { ApiError, validationFailed } from '../errors/api-error';

/**
 * Whether a webhook may go to this URL: http(s), no credentials in it, and its host (or host:port) in
 * WEBHOOK_ALLOWED_HOSTS. A URL that is not one is a 400; a host not allowed a 422. Checked when a watch
 * is made and again before every delivery (the list may have changed since).
 */
export function assertWebhookTarget(url: string, allowedHosts: ReadonlySet<string>): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw validationFailed([{ field: 'webhook.url', messages: ['webhook.url must be an absolute http or https URL'] }]);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw validationFailed([{ field: 'webhook.url', messages: ['webhook.url must be an http or https URL'] }]);
  if (parsed.username !== '' || parsed.password !== '') throw validationFailed([{ field: 'webhook.url', messages: ['webhook.url must not carry a user name or password'] }]);
  if (!isAllowedHost(parsed, allowedHosts)) {
    throw new ApiError('WebhookHostNotAllowed', `Webhooks may only go to the hosts in WEBHOOK_ALLOWED_HOSTS, and ${parsed.host} is not one of them`, { host: parsed.host });
  }
  return parsed;
}

export function isAllowedHost(url: URL, allowedHosts: ReadonlySet<string>): boolean {
  return allowedHosts.has(url.host.toLowerCase()) || allowedHosts.has(url.hostname.toLowerCase());
}
