import { NO_STREAM, type AppendStreamState, type CurrentStreamState } from '@kurrent/kurrentdb-client';

/**
 * Our revisions count a stream's events from 1, with 0 for "no stream"; KurrentDB's stream revisions
 * count from 0 and say "no stream" with a constant. So our revision N is KurrentDB revision N − 1, and
 * the same holds for global positions against the log stream's revisions.
 */

/** The KurrentDB expected state for "the stream is at our revision `revision`". */
export function toExpectedState(revision: number): AppendStreamState {
  assertRevision(revision);
  return revision === 0 ? NO_STREAM : BigInt(revision - 1);
}

/** Our revision for a stream state KurrentDB reports (in a WrongExpectedVersionError, say). */
export function fromCurrentState(state: CurrentStreamState | AppendStreamState | undefined): number | undefined {
  if (typeof state === 'bigint') return Number(state) + 1;
  if (state === NO_STREAM) return 0;
  return undefined;
}

/** Our revision (or position) of an event KurrentDB stores at `kurrentRevision`. */
export function fromKurrentRevision(kurrentRevision: bigint): number {
  const revision = Number(kurrentRevision) + 1;
  if (!Number.isSafeInteger(revision)) throw new RangeError(`KurrentDB revision ${kurrentRevision} is past what a safe integer holds`);
  return revision;
}

/** The KurrentDB revision that holds our revision (or position) `revision` (≥ 1). */
export function toKurrentRevision(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 1) throw new RangeError(`A revision to read must be a whole number >= 1, not ${revision}`);
  return BigInt(revision - 1);
}

function assertRevision(revision: number): void {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new RangeError(`A revision must be a whole number >= 0, not ${revision}`);
}
