import type { Hash } from '@story-tracker/verifiable-log';

/** How the log commands write sizes and hashes: for people in lines, base64 (as the HTTP API) in JSON. */

/** "1 event", "1,204 events". */
export function events(count: number): string {
  return `${count.toLocaleString('en-US')} event${count === 1 ? '' : 's'}`;
}

export function base64(hash: Hash): string {
  return hash.toString('base64');
}
