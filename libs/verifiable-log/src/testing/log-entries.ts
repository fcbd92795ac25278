import { createHash } from 'node:crypto';

/**
 * Entries as the log has them: 32 bytes each, like the chain hash of an event. Made from their number,
 * so every test and every run builds the same trees.
 */
export function logEntries(count: number, from = 0): Buffer[] {
  return Array.from({ length: count }, (_, index) => createHash('sha256').update(`entry ${from + index}`).digest());
}

export const hex = (hash: Buffer): string => hash.toString('hex');
export const unhex = (text: string): Buffer => Buffer.from(text, 'hex');
