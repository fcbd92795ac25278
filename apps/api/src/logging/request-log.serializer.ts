import { isCredentialParameter, redactCredentials } from '../http/credentials-in-url';

const REDACTED = '[redacted]';

/** The request as pino's standard serializer describes it (the fields we touch). */
interface SerializedRequest {
  url?: unknown;
  query?: unknown;
  headers?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * pino-http's `req` serializer, on top of the standard one: credentials never reach a log line, not
 * in the URL, nor the parsed query, nor a Referer. (Such requests are refused, but still logged.)
 * The Authorization header is redacted by the logger's `redact` paths.
 */
export function serializeRequestForLog(request: SerializedRequest): SerializedRequest {
  const { url, query, headers } = request;
  return {
    ...request,
    ...(typeof url === 'string' && { url: redactCredentials(url) }),
    ...(isRecord(query) && { query: redactQuery(query) }),
    ...(isRecord(headers) && typeof headers['referer'] === 'string' && { headers: { ...headers, referer: redactCredentials(headers['referer']) } }),
  };
}

function redactQuery(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, isCredentialParameter(name) ? REDACTED : value]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
