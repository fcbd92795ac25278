import { ValidateBy } from 'class-validator';

/**
 * KURRENTDB_CONNECTION_STRING: checked once at start-up, so a typo stops the start with a sentence
 * instead of a client that keeps trying to discover a cluster. It may carry credentials
 * (`kurrentdb://admin:changeit@node:2113`), so messages show it with the password replaced.
 */
const SCHEMES = ['kurrentdb', 'kurrentdb+discover', 'kurrent', 'kurrent+discover', 'kdb', 'kdb+discover', 'esdb', 'esdb+discover'];
const EXAMPLE = 'e.g. kurrentdb://localhost:2113?tls=false, or kurrentdb+discover://node1:2113,node2:2113,node3:2113 for a cluster';

export function kurrentDbConnectionStringProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `KURRENTDB_CONNECTION_STRING is required when EVENT_STORE=kurrentdb (${EXAMPLE})`;
  const match = /^([a-z+]+):\/\/(?:[^@/?]*@)?([^/?]*)/.exec(value);
  if (!match || !SCHEMES.includes(match[1]!)) return `KURRENTDB_CONNECTION_STRING must start with kurrentdb:// or kurrentdb+discover:// (${EXAMPLE})`;
  const hosts = match[2]!.split(',');
  if (hosts.some((host) => !/^[^:\s]+(:\d{1,5})?$/.test(host))) return `KURRENTDB_CONNECTION_STRING names no host, or a bad one (${EXAMPLE})`;
  return undefined;
}

/** The connection string as a message may show it: any password replaced by ***. */
export function redactKurrentDbConnectionString(value: string): string {
  return value.replace(/^([a-z+]+:\/\/[^:@/?]*):[^@/?]*@/, '$1:***@');
}

export function IsKurrentDbConnectionString(): PropertyDecorator {
  return ValidateBy({
    name: 'isKurrentDbConnectionString',
    validator: {
      validate: (value: unknown) => kurrentDbConnectionStringProblem(value) === undefined,
      defaultMessage: (args?: { value?: unknown }) => kurrentDbConnectionStringProblem(args?.value) ?? 'KURRENTDB_CONNECTION_STRING is invalid',
    },
  });
}
