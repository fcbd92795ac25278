import { diffWords, type Change } from 'diff';

export interface WordDiffPart {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

/**
 * The word-level difference between two texts (jsdiff's `diffWords`), as the contract's
 * `[{ op, text }]`. Whitespace alone is not a change to `diffWords`: an `equal` part carries the
 * spacing of `after`.
 */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  return toWordDiffParts(diffWords(before, after));
}

/** jsdiff's change objects as parts in reading order: empty ones dropped, neighbours of the same op merged. */
export function toWordDiffParts(changes: readonly Pick<Change, 'added' | 'removed' | 'value'>[]): WordDiffPart[] {
  const parts: WordDiffPart[] = [];
  for (const { added, removed, value } of changes) {
    if (value === '') continue;
    const op = added ? 'insert' : removed ? 'delete' : 'equal';
    const last = parts[parts.length - 1];
    if (last?.op === op) parts[parts.length - 1] = { op, text: last.text + value };
    else parts.push({ op, text: value });
  }
  return parts;
}
