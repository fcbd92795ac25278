/// <reference types="jest" />
import type { NewSnapshot, SnapshotStore } from '../snapshots/snapshot-store.port';

/** What an adapter's spec file hands to the snapshot contract for each test. */
export interface SnapshotStoreUnderTest {
  readonly snapshots: SnapshotStore;
  /** Durable adapters: the same storage, opened again after `close` (snapshots outlive the instance). */
  readonly reopen?: () => Promise<SnapshotStore>;
  /** Shared adapters: another instance on the same storage, open beside the first. */
  readonly another?: () => Promise<SnapshotStore>;
  /** Closes the first instance (before `reopen`). */
  readonly close?: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

export type SnapshotStoreContractFactory = () => Promise<SnapshotStoreUnderTest>;

const STREAM = 'story-snapshotted';
const V1 = 'state-1.codec-1';
const V2 = 'state-2.codec-1';

function aSnapshot(revision: number, more: Partial<NewSnapshot> = {}): NewSnapshot {
  return {
    streamId: STREAM,
    revision,
    codeVersion: V1,
    eventHash: `hash-${revision}`.padEnd(64, '0'),
    recordedAt: Date.UTC(2022, 0, 1) + revision * 1000,
    state: bytesOf(revision),
    ...more,
  };
}

/** Every byte value, and a size that is not a multiple of anything, so no adapter gets away with text. */
function bytesOf(revision: number, size = 777): Uint8Array {
  return Uint8Array.from({ length: size }, (_, index) => (index * 7 + revision) % 256);
}

/**
 * The behaviour every SnapshotStore adapter must show. A snapshot is a cache entry: the contract is
 * that what is read back is exactly what was saved, under the version it was saved with, and that
 * racing writers of one snapshot are harmless.
 */
export function describeSnapshotStoreContract(name: string, factory: SnapshotStoreContractFactory): void {
  describe(`${name} (SnapshotStore contract)`, () => {
    let subject: SnapshotStoreUnderTest;
    beforeEach(async () => {
      subject = await factory();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('has nothing for a stream never snapshotted', async () => {
      expect(await subject.snapshots.nearest(STREAM, 1000, V1)).toBeUndefined();
      expect(await subject.snapshots.marks(STREAM, V1)).toEqual([]);
    });

    it('gives the state at the highest revision at or before the one asked for, byte for byte', async () => {
      for (const revision of [100, 300, 200]) await subject.snapshots.save(aSnapshot(revision));
      expect(await subject.snapshots.nearest(STREAM, 99, V1)).toBeUndefined();
      const at250 = await subject.snapshots.nearest(STREAM, 250, V1);
      expect(at250).toMatchObject({ streamId: STREAM, revision: 200, codeVersion: V1, eventHash: aSnapshot(200).eventHash, recordedAt: aSnapshot(200).recordedAt, hasState: true });
      expect(Buffer.concat(at250!.state).equals(Buffer.from(bytesOf(200)))).toBe(true);
      expect((await subject.snapshots.nearest(STREAM, 300, V1))?.revision).toBe(300);
      expect((await subject.snapshots.nearest(STREAM, 1e9, V1))?.revision).toBe(300);
    });

    it('keeps large states whole', async () => {
      const state = bytesOf(1, 3 * 1024 * 1024 + 5);
      await subject.snapshots.save(aSnapshot(500, { state }));
      expect(Buffer.concat((await subject.snapshots.nearest(STREAM, 500, V1))!.state).equals(Buffer.from(state))).toBe(true);
    });

    it('drops, removes and forgets large states as it does small ones', async () => {
      const state = bytesOf(2, 2 * 1024 * 1024 + 11);
      await subject.snapshots.save(aSnapshot(500, { state }));
      await subject.snapshots.dropStates(STREAM, V1, [500]);
      expect(await subject.snapshots.nearest(STREAM, 500, V1)).toBeUndefined();
      expect(await subject.snapshots.marks(STREAM, V1)).toMatchObject([{ revision: 500, hasState: false }]);
      await subject.snapshots.save(aSnapshot(500, { state }));
      expect(Buffer.concat((await subject.snapshots.nearest(STREAM, 500, V1))!.state).equals(Buffer.from(state))).toBe(true);
      await subject.snapshots.remove(STREAM, V1, [500]);
      expect(await subject.snapshots.marks(STREAM, V1)).toEqual([]);
      await subject.snapshots.save(aSnapshot(600, { state }));
      await subject.snapshots.forget(STREAM);
      expect(await subject.snapshots.nearest(STREAM, 600, V1)).toBeUndefined();
      expect(await subject.snapshots.marks(STREAM, V1)).toEqual([]);
    });

    it('never gives a snapshot of another code version or another stream', async () => {
      await subject.snapshots.save(aSnapshot(100, { codeVersion: V2 }));
      await subject.snapshots.save(aSnapshot(100, { streamId: 'story-other' }));
      expect(await subject.snapshots.nearest(STREAM, 100, V1)).toBeUndefined();
      expect((await subject.snapshots.nearest(STREAM, 100, V2))?.codeVersion).toBe(V2);
      expect(await subject.snapshots.marks(STREAM, V1)).toEqual([]);
    });

    it('lists marks in revision order, with and without a state; a mark alone is never a snapshot', async () => {
      const { state: _state, ...mark } = aSnapshot(200);
      await subject.snapshots.save(aSnapshot(300));
      await subject.snapshots.save(mark);
      await subject.snapshots.save(aSnapshot(100));
      const marks = await subject.snapshots.marks(STREAM, V1);
      expect(marks.map((m) => [m.revision, m.hasState])).toEqual([[100, true], [200, false], [300, true]]);
      expect(marks[1]).toEqual({ streamId: STREAM, revision: 200, codeVersion: V1, eventHash: mark.eventHash, recordedAt: mark.recordedAt, hasState: false });
      expect((await subject.snapshots.nearest(STREAM, 250, V1))?.revision).toBe(100);
    });

    it('keeps the first of two saves of one snapshot, and lets a state fill a mark of the same hash only', async () => {
      await subject.snapshots.save(aSnapshot(100));
      await subject.snapshots.save(aSnapshot(100, { state: bytesOf(9), recordedAt: 1 }));
      expect(Buffer.concat((await subject.snapshots.nearest(STREAM, 100, V1))!.state).equals(Buffer.from(bytesOf(100)))).toBe(true);

      const { state: _state, ...mark } = aSnapshot(200);
      await subject.snapshots.save(mark);
      await subject.snapshots.save(aSnapshot(200, { eventHash: 'f'.repeat(64) }));
      expect((await subject.snapshots.nearest(STREAM, 200, V1))?.revision).toBe(100);
      await subject.snapshots.save(aSnapshot(200));
      expect((await subject.snapshots.nearest(STREAM, 200, V1))?.revision).toBe(200);
    });

    it('takes many concurrent saves of the same snapshots without an error', async () => {
      const saves = Array.from({ length: 20 }, (_, index) => subject.snapshots.save(aSnapshot(100 * (1 + (index % 4)))));
      await expect(Promise.all(saves)).resolves.toBeDefined();
      expect((await subject.snapshots.marks(STREAM, V1)).map((m) => m.revision)).toEqual([100, 200, 300, 400]);
    });

    it('drops states but keeps their marks, and removes rows', async () => {
      for (const revision of [100, 200, 300]) await subject.snapshots.save(aSnapshot(revision));
      await subject.snapshots.dropStates(STREAM, V1, [300]);
      expect((await subject.snapshots.nearest(STREAM, 300, V1))?.revision).toBe(200);
      await subject.snapshots.remove(STREAM, V1, [200]);
      expect((await subject.snapshots.nearest(STREAM, 300, V1))?.revision).toBe(100);
      expect((await subject.snapshots.marks(STREAM, V1)).map((m) => [m.revision, m.hasState])).toEqual([[100, true], [300, false]]);
      await subject.snapshots.remove(STREAM, V1, []);
      await subject.snapshots.dropStates(STREAM, V1, []);
    });

    it('refuses what is not a snapshot', async () => {
      await expect(subject.snapshots.save(aSnapshot(0))).rejects.toThrow(RangeError);
      await expect(subject.snapshots.save(aSnapshot(1, { codeVersion: '' }))).rejects.toThrow(RangeError);
      await expect(subject.snapshots.save(aSnapshot(1, { recordedAt: Number.NaN }))).rejects.toThrow(RangeError);
    });

    it('shares snapshots between instances on the same storage, racing writers included', async () => {
      if (!subject.another) return;
      const other = await subject.another();
      await Promise.all([subject.snapshots.save(aSnapshot(100)), other.save(aSnapshot(100)), other.save(aSnapshot(200))]);
      expect((await subject.snapshots.marks(STREAM, V1)).map((m) => m.revision)).toEqual([100, 200]);
      expect((await other.nearest(STREAM, 150, V1))?.revision).toBe(100);
    });

    it('shares a large state between instances, both writing it at once', async () => {
      if (!subject.another) return;
      const other = await subject.another();
      const state = bytesOf(3, 1024 * 1024 + 3);
      await Promise.all([subject.snapshots.save(aSnapshot(700, { state })), other.save(aSnapshot(700, { state }))]);
      for (const store of [subject.snapshots, other]) expect(Buffer.concat((await store.nearest(STREAM, 700, V1))!.state).equals(Buffer.from(state))).toBe(true);
    });

    it('keeps snapshots when the store is opened again', async () => {
      if (!subject.reopen) return;
      await subject.snapshots.save(aSnapshot(100));
      await subject.close?.();
      const reopened = await subject.reopen();
      expect(Buffer.concat((await reopened.nearest(STREAM, 100, V1))!.state).equals(Buffer.from(bytesOf(100)))).toBe(true);
    });
  });
}
