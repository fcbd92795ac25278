import { DocumentBytesCache, ENTRY_OVERHEAD_BYTES } from './document-bytes.cache';
import type { DocumentBytes } from './document-bytes';

/** A document of `size` body bytes. */
const doc = (storyId: string, revision: number, size = 100): DocumentBytes => ({ storyId, revision, etag: `"${revision}"`, body: Buffer.alloc(size, 'x') });
const cost = (size: number) => size + ENTRY_OVERHEAD_BYTES;

describe('DocumentBytesCache', () => {
  it('finds a document by story and revision, and nothing for another revision or story', () => {
    const cache = new DocumentBytesCache(cost(100) * 10);
    const kept = doc('story-a', 3);
    cache.put(kept);
    expect(cache.get('story-a', 3)).toBe(kept);
    expect(cache.get('story-a', 4)).toBeUndefined();
    expect(cache.get('story-b', 3)).toBeUndefined();
  });

  it('never holds more bytes than its bound: the least recently used goes first', () => {
    const cache = new DocumentBytesCache(cost(100) * 3);
    cache.put(doc('story-a', 1));
    cache.put(doc('story-a', 2));
    cache.put(doc('story-a', 3));
    cache.get('story-a', 1); // now the most recently used
    cache.put(doc('story-b', 1));
    expect(cache.get('story-a', 2)).toBeUndefined();
    expect(cache.get('story-a', 1)).toBeDefined();
    expect(cache.get('story-a', 3)).toBeDefined();
    expect(cache.get('story-b', 1)).toBeDefined();
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(cost(100) * 3);
  });

  it('counts bytes, not entries: one large document evicts several small ones', () => {
    const cache = new DocumentBytesCache(cost(100) * 4);
    for (let revision = 1; revision <= 4; revision++) cache.put(doc('story-a', revision));
    cache.put(doc('story-b', 1, cost(100) * 2));
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect([1, 2, 3, 4].filter((revision) => cache.get('story-a', revision) !== undefined)).toEqual([4]);
    expect(cache.get('story-b', 1)).toBeDefined();
  });

  it('keeps nothing larger than its bound, and a bound of 0 keeps nothing at all', () => {
    const small = new DocumentBytesCache(cost(100));
    small.put(doc('story-a', 1));
    small.put(doc('story-a', 2, 101));
    expect(small.get('story-a', 2)).toBeUndefined();
    expect(small.get('story-a', 1)).toBeDefined();
    const none = new DocumentBytesCache(0);
    none.put(doc('story-a', 1, 1));
    expect(none.size).toBe(0);
    expect(none.bytes).toBe(0);
  });

  it('replaces an entry put again without counting it twice', () => {
    const cache = new DocumentBytesCache(cost(100) * 2);
    cache.put(doc('story-a', 1));
    const again = doc('story-a', 1);
    cache.put(again);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(cost(100));
    expect(cache.get('story-a', 1)).toBe(again);
  });
});
