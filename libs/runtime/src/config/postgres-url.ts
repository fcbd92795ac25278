import { ValidateBy } from 'class-validator';

/**
 * POSTGRES_URL: what a URL must look like before the store tries it, and how it may be shown. The
 * URL usually carries a password, so no message, log line or error of ours ever prints it whole.
 */

/** What is wrong with the URL, in one sentence (without the URL itself); undefined when it will do. */
export function postgresUrlProblem(value: unknown): string | undefined {
  const example = 'e.g. postgres://user:password@db:5432/story_tracker';
  if (typeof value !== 'string' || value.trim() === '') return `POSTGRES_URL is required when EVENT_STORE=postgres (${example})`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `POSTGRES_URL is not a URL (${example})`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `POSTGRES_URL must start with postgres:// or postgresql:// (${example})`;
  }
  // A Unix socket is given as ?host=/run/postgresql with an empty host part.
  if (url.hostname === '' && !url.searchParams.get('host')) return `POSTGRES_URL names no host (${example})`;
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) return `POSTGRES_URL has a bad port (${example})`;
  return undefined;
}

/**
 * The URL with its password replaced by ***, for messages. A value that is not a postgres:// URL is
 * not shown at all: who knows which part of it is the password ('app:secret@db' reads as a URL whose
 * scheme is 'app').
 */
export function redactPostgresUrl(value: string): string {
  const hidden = '(not shown: it may hold a password)';
  try {
    const url = new URL(value);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return hidden;
    if (url.password) url.password = '***';
    for (const name of ['password', 'sslpassword']) if (url.searchParams.has(name)) url.searchParams.set(name, '***');
    return url.toString();
  } catch {
    return hidden;
  }
}

/** class-validator's check for POSTGRES_URL, with the problem as its message. */
export function IsPostgresUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isPostgresUrl',
    validator: {
      validate: (value: unknown) => postgresUrlProblem(value) === undefined,
      defaultMessage: (args?: { value?: unknown }) => postgresUrlProblem(args?.value) ?? 'POSTGRES_URL is invalid',
    },
  });
}
