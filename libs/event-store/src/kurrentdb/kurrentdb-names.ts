import { createHash } from 'node:crypto';

/**
 * Where the adapter keeps things in KurrentDB. Every name starts with the store's namespace (empty in
 * production; a fresh one per test, so each contract case sees an empty store on one shared server).
 *
 *  - `<ns><streamId>`: a story stream, exactly as the port names it (`story-<slug>`). KurrentDB
 *    revision r holds our revision r + 1.
 *  - `<ns>story-tracker:log`: the store's dense global order, one entry per stored event; KurrentDB
 *    revision p − 1 holds our global position p (see kurrentdb-event-store.ts, GLOBAL ORDER).
 *  - `<ns>story-tracker:idempotency-<digest>`: one stream per kept idempotency key, its one event the
 *    kept answer (see IDEMPOTENCY there).
 *
 * `story-tracker:` cannot begin a story stream (a slug has no colon), and the adapter refuses it as a
 * stream id, so the store's own streams never mix with the caller's.
 */
export const RESERVED_PREFIX = 'story-tracker:';

export class KurrentDbStreamNames {
  constructor(readonly namespace: string = '') {
    if (namespace.startsWith('$')) throw new RangeError('A KurrentDB namespace must not start with $ (system streams)');
  }

  story(streamId: string): string {
    return `${this.namespace}${streamId}`;
  }

  get log(): string {
    return `${this.namespace}${RESERVED_PREFIX}log`;
  }

  /**
   * One stream per (scope, key). A digest, not the raw values: keys are free text up to 200 characters
   * and scopes are actor names, so `${scope}-${key}` could collide (`a-b` + `c` against `a` + `b-c`)
   * and could grow past what a stream name should hold. The record itself carries scope and key.
   */
  idempotency(scope: string, key: string): string {
    const digest = createHash('sha256').update(JSON.stringify([scope, key]), 'utf8').digest('hex');
    return `${this.namespace}${RESERVED_PREFIX}idempotency-${digest}`;
  }
}

export function assertCallerStreamId(streamId: string): void {
  if (streamId.startsWith(RESERVED_PREFIX)) {
    throw new RangeError(`Stream ids starting with ${RESERVED_PREFIX} are the KurrentDB store's own, not ${streamId}`);
  }
}
