import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { chainHash, GENESIS_HASH, type ChainedContent } from './hash-chain';

const content: ChainedContent = {
  streamId: 'story-1',
  revision: 1,
  type: 'StoryOpened',
  data: { headline: 'Brücke gesperrt', b: 1.0, a: [1e21, 'x'] },
  metadata: { recordedAt: '2026-11-25T10:00:00.000Z', actor: 'reporter-1' },
};

describe('chainHash', () => {
  it('starts every stream from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('is the SHA-256 of the RFC 8785 canonical JSON followed by the previous hash', () => {
    // Written out by hand: sorted keys, shortest number forms, UTF-8 text left as is.
    const canonical =
      '{"data":{"a":[1e+21,"x"],"b":1,"headline":"Brücke gesperrt"},' +
      '"metadata":{"actor":"reporter-1","recordedAt":"2026-11-25T10:00:00.000Z"},' +
      '"revision":1,"streamId":"story-1","type":"StoryOpened"}';
    const previous = 'ab'.repeat(32);

    const expected = createHash('sha256').update(canonical + previous, 'utf8').digest('hex');

    expect(chainHash(previous, content)).toBe(expected);
  });

  it('does not depend on the order of keys', () => {
    const reordered: ChainedContent = {
      type: content.type,
      metadata: { actor: 'reporter-1', recordedAt: '2026-11-25T10:00:00.000Z' },
      data: { a: [1e21, 'x'], headline: 'Brücke gesperrt', b: 1 },
      revision: 1,
      streamId: 'story-1',
    };

    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, content));
  });

  it('changes with every part of the content and with the previous hash', () => {
    const base = chainHash(GENESIS_HASH, content);
    const variants: ChainedContent[] = [
      { ...content, streamId: 'story-2' },
      { ...content, revision: 2 },
      { ...content, type: 'StoryRetitled' },
      { ...content, data: { ...(content.data as object), headline: 'Brücke offen' } },
      { ...content, metadata: { ...content.metadata, actor: 'editor-1' } },
    ];

    for (const variant of variants) expect(chainHash(GENESIS_HASH, variant)).not.toBe(base);
    expect(chainHash('1'.repeat(64), content)).not.toBe(base);
  });

  it('gives the hash that chains were sealed with before it was written faster (canonicalize + createHash)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), fc.string({ minLength: 1 }), fc.jsonValue({ stringUnit: 'grapheme' }), fc.dictionary(fc.string(), fc.jsonValue()), (streamId, revision, type, data, metadata) => {
        const stored = JSON.parse(JSON.stringify({ streamId, revision, type, data, metadata })) as ChainedContent;
        const before = createHash('sha256').update(canonicalize(stored)! + GENESIS_HASH, 'utf8').digest('hex');
        expect(chainHash(GENESIS_HASH, stored)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
