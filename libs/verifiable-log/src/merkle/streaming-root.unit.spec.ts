import { StreamingRoot, leafHash } from '@story-tracker/verifiable-log';
import { hex, logEntries } from '../testing/log-entries';
import { ReferenceTree } from '../testing/rfc9162-reference';

describe('StreamingRoot', () => {
  const entries = logEntries(600);
  const reference = new ReferenceTree(entries);

  it('is MTH(D[n]) at every size from the empty tree to 600 leaves (past two full tiles)', () => {
    const streaming = new StreamingRoot();
    const differences: number[] = [];
    for (let n = 0; n <= entries.length; n += 1) {
      if (streaming.size !== n || !streaming.root().equals(reference.root(n))) differences.push(n);
      if (n < entries.length) streaming.add(leafHash(entries[n]!));
    }
    expect(differences).toEqual([]);
  });

  it('can be asked for its root any number of times without changing it', () => {
    const streaming = new StreamingRoot();
    for (const entry of entries.slice(0, 7)) streaming.add(leafHash(entry));
    expect(hex(streaming.root())).toBe(hex(streaming.root()));
    streaming.add(leafHash(entries[7]!));
    expect(hex(streaming.root())).toBe(hex(reference.root(8)));
  });
});
