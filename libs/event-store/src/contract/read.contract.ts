/// <reference types="jest" />
import { leafPointers } from '../chain/commitments';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { readAllEncoded, readStreamPages } from '../encoded-events';
import { anEvent, numberedEvents, positionsOf, readStream, revisionsOf, type ContractSubject } from './contract-fixtures';

/** Reading: stream ranges, the global log, heads, and what comes back is what went in. */
export function describeReadContract(subject: ContractSubject): void {
  describe('reading', () => {
    it('reads a stream within a revision range', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(5), { expectedRevision: 0 });

      expect(revisionsOf(await readStream(store, 'story-1'))).toEqual([1, 2, 3, 4, 5]);
      expect(revisionsOf(await readStream(store, 'story-1', 3))).toEqual([3, 4, 5]);
      expect(revisionsOf(await readStream(store, 'story-1', undefined, 2))).toEqual([1, 2]);
      expect(revisionsOf(await readStream(store, 'story-1', 2, 4))).toEqual([2, 3, 4]);
      expect(revisionsOf(await readStream(store, 'story-1', 5, 5))).toEqual([5]);
    });

    it('reads nothing past the end of a stream, from an empty range or from an unknown stream', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(3), { expectedRevision: 0 });

      expect(await readStream(store, 'story-1', 4)).toEqual([]);
      expect(await readStream(store, 'story-1', 3, 2)).toEqual([]);
      expect(await readStream(store, 'story-unknown')).toEqual([]);
    });

    it('reads a stream longer than any read page, whole and in order', async () => {
      const store = subject.store();
      const total = 1234;
      for (let revision = 0; revision < total; revision += 100) {
        const count = Math.min(100, total - revision);
        await store.append('story-long', numberedEvents(count, revision + 1), { expectedRevision: revision });
      }

      const events = await readStream(store, 'story-long');

      expect(events).toHaveLength(total);
      expect(events.every((event, index) => event.revision === index + 1)).toBe(true);
      expect(revisionsOf(await readStream(store, 'story-long', 499, 502))).toEqual([499, 500, 501, 502]);
    });

    it('reads the global log after a position, at most a limit', async () => {
      const store = subject.store();
      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(2, 3), { expectedRevision: 0 });
      await store.append('story-a', numberedEvents(1, 5), { expectedRevision: 2 });

      expect(positionsOf(await store.readAll(0, 100))).toEqual([1, 2, 3, 4, 5]);
      expect(positionsOf(await store.readAll(2, 2))).toEqual([3, 4]);
      expect((await store.readAll(2, 2)).map((event) => event.type)).toEqual(['Numbered3', 'Numbered4']);
      expect(positionsOf(await store.readAll(4, 10))).toEqual([5]);
      expect(await store.readAll(5, 10)).toEqual([]);
    });

    it('reads the global log with data and metadata as JSON text (readAllEncoded), the same events as readAll', async () => {
      const store = subject.store();
      await store.append('story-a', [anEvent('Opened', { title: 'Kyiv – «talks»', nested: { list: [1, 2.5, null] } })], { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(3), { expectedRevision: 0 });

      const parsed = await store.readAll(1, 3);
      const encoded = await readAllEncoded(store, 1, 3);
      expect(encoded.map((event) => ({ ...event, data: JSON.parse(event.data) as unknown, metadata: JSON.parse(event.metadata) as unknown }))).toEqual(parsed);
      expect((await readAllEncoded(store, 0, 1))[0]).toMatchObject({ streamId: 'story-a', revision: 1, globalPosition: 1, type: 'Opened' });
      expect(JSON.parse((await readAllEncoded(store, 0, 1))[0]!.data)).toEqual({ title: 'Kyiv – «talks»', nested: { list: [1, 2.5, null] } });
      expect(await readAllEncoded(store, 4, 10)).toEqual([]);
    });

    it('reads a stream in runs (readStreamPages), the same events as readStream, with their text where the store keeps it', async () => {
      const store = subject.store();
      await store.append('story-a', [anEvent('Opened', { title: 'Kyiv – «talks»' }), ...numberedEvents(11)], { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(2), { expectedRevision: 0 });

      const pages = [];
      for await (const page of readStreamPages(store, 'story-a', { fromRevision: 2, toRevision: 11 }, 4)) pages.push(page);
      expect(pages.flatMap((page) => page.events)).toEqual(await readStream(store, 'story-a', 2, 11));
      for (const page of pages) {
        expect(page.events.length).toBeGreaterThan(0);
        if (page.encoded) expect(page.encoded.map((event) => ({ ...event, data: JSON.parse(event.data) as unknown, metadata: JSON.parse(event.metadata) as unknown }))).toEqual(page.events);
      }
      const none = [];
      for await (const page of readStreamPages(store, 'story-c', {}, 4)) none.push(page);
      expect(none).toEqual([]);
    });

    it('reads the global log backwards, newest first, before a position and at most a limit', async () => {
      const store = subject.store();
      await store.append('story-a', numberedEvents(3), { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(2), { expectedRevision: 0 });

      expect(positionsOf(await store.readAllBackwards(undefined, 2))).toEqual([5, 4]);
      expect(positionsOf(await store.readAllBackwards(4, 10))).toEqual([3, 2, 1]);
      expect(positionsOf(await store.readAllBackwards(1, 10))).toEqual([]);
      expect(positionsOf(await store.readAllBackwards(99, 1))).toEqual([5]);
    });

    it('gives the global position of the newest event, 0 when empty', async () => {
      const store = subject.store();
      expect(await store.headPosition()).toBe(0);

      await store.append('story-a', numberedEvents(2), { expectedRevision: 0 });
      await store.append('story-b', numberedEvents(1), { expectedRevision: 0 });

      expect(await store.headPosition()).toBe(3);
    });

    it('gives a stream revision of 0 for an unknown stream and the last revision otherwise', async () => {
      const store = subject.store();
      await store.append('story-1', numberedEvents(4), { expectedRevision: 0 });

      expect(await store.streamRevision('story-unknown')).toBe(0);
      expect(await store.streamRevision('story-1')).toBe(4);
    });

    it('gives back data and metadata exactly as appended, unicode and nesting included', async () => {
      const store = subject.store();
      const data = {
        headline: 'Flut in Köln: „Pegel steigt“ — 東京 — مرحبا — 🌊🚒',
        lineAndParagraphSeparators: 'a\u2028b\u2029c',
        escapes: 'quote " backslash \\ tab \t newline \n nul \u0000',
        combining: 'e\u0301 vs é',
        nested: { sources: [{ name: 'Agency', confirmed: true, score: 0.75 }, null], depth: { a: { b: { c: [1, [2, [3]]] } } } },
        numbers: [0, -1, 1.5, 1e21, 2 ** 53 - 1],
        empty: { list: [], object: {}, text: '' },
      };
      const metadata = { actor: 'reporter-ü', recordedAt: '2026-11-25T10:00:00.000Z', editSummary: 'Überschrift ✏️' };

      await store.append('story-1', [{ type: 'StoryOpened', data, metadata }], { expectedRevision: 0 });

      const [fromStream] = await readStream(store, 'story-1');
      const [fromLog] = await store.readAll(0, 1);
      expect(fromStream).toMatchObject({ type: 'StoryOpened', data, metadata });
      expect(fromLog).toMatchObject({ type: 'StoryOpened', data, metadata });
      expect(fromStream!.data).toEqual(data);
      // The store adds the sealing (hash scheme 2: a salt per value), nothing else.
      const { hashScheme, salts, ...given } = fromStream!.metadata;
      expect(given).toEqual(metadata);
      expect(hashScheme).toBe(2);
      expect(Object.keys(salts as object).sort()).toEqual(leafPointers(data).sort());
    });

    it("keeps an event's own sealing when asked to append it as recorded (an import)", async () => {
      const store = subject.store();
      const data = { headline: 'Imported' };
      const metadata = { actor: 'old-cms', recordedAt: '2022-01-05T08:00:00.000Z' };
      await store.append('story-1', [{ type: 'StoryOpened', data, metadata }], { expectedRevision: 0, sealing: 'as-recorded' });
      const [stored] = await readStream(store, 'story-1');
      expect(stored!.metadata).toEqual(metadata);
      expect(stored!.hash).toBe(chainHash(GENESIS_HASH, { streamId: 'story-1', revision: 1, type: 'StoryOpened', data, metadata }));
    });

    it('keeps stored events safe from changes to the appended values and to values read back', async () => {
      const store = subject.store();
      const data = { headline: 'Original', tags: ['a'] };
      const event = anEvent('StoryOpened', data, { editSummary: 'first' });
      await store.append('story-1', [event], { expectedRevision: 0 });

      data.headline = 'Changed by the caller';
      data.tags.push('b');
      const [read] = await readStream(store, 'story-1');
      try {
        (read!.data as { headline: string }).headline = 'Changed by a reader';
        (read!.metadata as Record<string, unknown>).editSummary = 'changed';
      } catch {
        // A frozen copy is just as good as a private one.
      }

      const [again] = await readStream(store, 'story-1');
      const [fromLog] = await store.readAll(0, 1);
      for (const stored of [again!, fromLog!]) {
        expect(stored.data).toEqual({ headline: 'Original', tags: ['a'] });
        expect(stored.metadata).toMatchObject({ editSummary: 'first' });
      }
    });
  });
}
