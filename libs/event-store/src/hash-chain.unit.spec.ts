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
  it('gives the hashes the chains on disk were sealed with, under both schemes (pinned)', () => {
    // Pinned from the code that sealed the stored chains; a faster way of hashing must give the same.
    const pinned: ChainedContent = {
      streamId: 'story-pinned',
      revision: 7,
      type: 'TroopEstimateRecorded',
      data: { developmentId: 'd7', force: 'Russia', count: 100000, source: { name: 'Pentagon' }, confirmed: true, note: null, word: 'Ünïcode ✓' },
      metadata: { actor: 'alice', recordedAt: '2022-02-12T10:00:00.000Z', schemaVersion: 2 },
    };
    const salts = {
      '/developmentId': 'IsyrY+pnIS7HzEoC2IXPbA==',
      '/force': 'dVADdp5QClg6UH/pLyarzg==',
      '/count': 'T4vrF6gFiiP4x1C5PddYKA==',
      '/source/name': 'U8o+BPFp3PFMVA8fGRsyDg==',
      '/confirmed': 'EXPKpXk5MAycbIllPTZkvg==',
      '/note': '+eftH/eL9lXqDzMmNFJo4Q==',
      '/word': 'FT5M9qIDOJTk0DgdhORSjw==',
    };
    const previous = 'a'.repeat(64);
    expect(chainHash(previous, pinned)).toBe('3221d84671ee350bcf00c4074a4e18b8254cf7ff5f1d7b6defda1b3af4c3e367');
    expect(chainHash(previous, { ...pinned, metadata: { ...pinned.metadata, hashScheme: 2, salts } })).toBe('e0532eb9349aee508ac6d41b9543bbd2940e8bd583ca2d02bfc3e67510a51075');
  });

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
