import { expectedHash } from '@story-tracker/event-store';
import { LogTree, MemoryTileStore, consistencyProof, readLog, rootHash, verifyConsistency, type Hash } from '@story-tracker/verifiable-log';
import { STREAMS, eventRows, openEventStoreOnDisk, tamper, type EventStoreOnDisk } from '../testing/event-store-on-disk';
import { hex, unhex } from '../testing/log-entries';
import { ReferenceTree } from '../testing/rfc9162-reference';
import { TempFolder } from '../testing/temp-folder';

const EVENTS = 30;
/** The size a witness saw a checkpoint of before the tampering, and the size of the whole log then. */
const WITNESSED = 20;

describe('readLog on a real SqliteEventStore file, tampered with in SQL', () => {
  let folder: TempFolder;
  let disk: EventStoreOnDisk;
  /** The roots a witness kept before anything was changed. */
  let witnessed: { at20: Hash; at30: Hash };
  /** The tree of the events as they were before anything was changed. */
  let original: ReferenceTree;

  beforeEach(async () => {
    folder = new TempFolder();
    disk = await openEventStoreOnDisk(folder, EVENTS);
    const before = await readLog(disk.store, { sizes: [WITNESSED] });
    witnessed = { at20: before.roots.get(WITNESSED)!, at30: before.roots.get(EVENTS)! };
    original = new ReferenceTree(eventRows(disk.raw).map((row) => unhex(row.hash)));
  });
  afterEach(() => folder.remove());

  /** Row positions of one stream, in revision order. */
  const positionsOf = (streamId: string) => eventRows(disk.raw).filter((row) => row.stream_id === streamId).map((row) => row.global_position);
  /** Where a witness's check of the reading fails, if it does: what an auditor comparing notes would see. */
  const witnessSees = async () => {
    const reading = await readLog(disk.store, { sizes: [WITNESSED, EVENTS] });
    return {
      problem: reading.problem,
      size: reading.size,
      sameRootAt20: reading.roots.get(WITNESSED)?.equals(witnessed.at20),
      sameRootAt30: reading.roots.get(EVENTS)?.equals(witnessed.at30),
    };
  };

  it('reads the untouched store: every event sound, and the RFC root of their hashes at each size asked for', async () => {
    const reference = original;
    const leaves: string[] = [];
    const reading = await readLog(disk.store, { sizes: [0, 1, 7, WITNESSED], batchSize: 7, onLeaf: (leaf, event) => leaves.push(`${event.globalPosition}:${hex(leaf)}`) });
    expect(reading.problem).toBeUndefined();
    expect(reading.size).toBe(EVENTS);
    expect([...reading.roots.keys()].sort((a, b) => a - b)).toEqual([0, 1, 7, WITNESSED, EVENTS]);
    for (const [size, root] of reading.roots) expect({ size, root: hex(root) }).toEqual({ size, root: hex(reference.root(size)) });
    expect(leaves).toHaveLength(EVENTS);
    expect(leaves[0]).toMatch(/^1:/);
    // The hashes it trusted are the chain's: each the hash of the event's own content.
    for (const event of await disk.store.readAll(0, EVENTS)) expect(expectedHash(event)).toBe(event.hash);
    expect(await witnessSees()).toEqual({ problem: undefined, size: EVENTS, sameRootAt20: true, sameRootAt30: true });
  });

  it("names the event whose data was edited, and stops before it", async () => {
    const row = eventRows(disk.raw)[11]!;
    tamper.editData(disk.raw, 12, { n: 12, text: 'What was never written' });
    const reading = await readLog(disk.store, { sizes: [WITNESSED] });
    expect(reading.problem).toBe(`the event at global position 12 (${row.stream_id} revision ${row.revision}) does not match its own hash: its content was changed`);
    expect(reading.size).toBe(11);
    expect(reading.roots.has(WITNESSED)).toBe(false);
    expect(reading.roots.get(11)).toEqual(original.root(11));
  });

  it('names the event whose stored hash was changed', async () => {
    const row = eventRows(disk.raw)[4]!;
    tamper.setHash(disk.raw, 5, 'a'.repeat(64));
    expect((await readLog(disk.store)).problem).toBe(`the event at global position 5 (${row.stream_id} revision ${row.revision}) does not match its own hash: its content was changed`);
  });

  it('names the place of an event deleted in the middle', async () => {
    disk.raw.prepare('DELETE FROM events WHERE global_position = 12').run();
    const reading = await readLog(disk.store);
    expect(reading.problem).toBe('no event at global position 12 (the next one is at 13): an event was removed');
    expect(reading.size).toBe(11);
  });

  it('reads a shorter log when the newest events were deleted: the witness of the whole log sees it go back', async () => {
    tamper.deleteFrom(disk.raw, 28);
    // Nothing in the events that are left is unsound: only a checkpoint kept elsewhere shows the loss.
    expect(await witnessSees()).toEqual({ problem: undefined, size: 27, sameRootAt20: true, sameRootAt30: undefined });
  });

  it("finds nothing wrong with a stream rewritten with fresh, self-consistent hashes, but another root from its first change on", async () => {
    const [first] = positionsOf(STREAMS[1]);
    expect(first).toBeLessThan(WITNESSED);
    tamper.rewriteStream(disk.raw, STREAMS[1], (data) => ({ ...data, text: `${String(data.text)} (as the censor prefers)` }));

    const reading = await readLog(disk.store, { sizes: [first! - 1, first!, WITNESSED] });
    expect(reading.problem).toBeUndefined();
    expect(reading.size).toBe(EVENTS);
    expect(reading.roots.get(first! - 1)).toEqual(original.root(first! - 1));
    expect(reading.roots.get(first!)!.equals(original.root(first!))).toBe(false);
    expect(await witnessSees()).toEqual({ problem: undefined, size: EVENTS, sameRootAt20: false, sameRootAt30: false });
  });

  it('lets a witness prove the rewrite: no consistency proof takes its old root to the new log', async () => {
    tamper.rewriteStream(disk.raw, STREAMS[2], (data) => ({ ...data, n: Number(data.n) * 10 }));
    const tree = new LogTree(new MemoryTileStore());
    const reading = await readLog(disk.store, { onLeaf: (leaf) => tree.append([leaf]) });
    expect(reading.problem).toBeUndefined();
    const now = rootHash(tree);
    expect(now).toEqual(reading.roots.get(EVENTS));
    expect(verifyConsistency(WITNESSED, EVENTS, consistencyProof(tree, WITNESSED, EVENTS), witnessed.at20, now)).toBe(false);
    expect(verifyConsistency(WITNESSED, EVENTS, consistencyProof(tree, WITNESSED, EVENTS), rootHash(tree, WITNESSED), now)).toBe(true);
    expect(rootHash(tree, WITNESSED).equals(witnessed.at20)).toBe(false);
  });

  it('finds nothing wrong when two events of different streams swap positions, but another root from the first of them on', async () => {
    const rows = eventRows(disk.raw);
    // Two neighbours of different streams: each stream's own order survives the swap.
    const at = rows.findIndex((row, i) => i >= 9 && rows[i + 1] && rows[i + 1]!.stream_id !== row.stream_id) + 1;
    tamper.swapPositions(disk.raw, at, at + 1);
    const reading = await readLog(disk.store, { sizes: [at - 1, at, WITNESSED] });
    expect(reading.problem).toBeUndefined();
    expect(reading.roots.get(at - 1)).toEqual(original.root(at - 1));
    expect(reading.roots.get(at)!.equals(original.root(at))).toBe(false);
    expect(await witnessSees()).toMatchObject({ problem: undefined, sameRootAt20: false, sameRootAt30: false });
  });

  it('names the place when two events of one stream swap positions', async () => {
    const [a, b] = positionsOf(STREAMS[0]).slice(2, 4) as [number, number];
    const earlier = eventRows(disk.raw).find((row) => row.global_position === a)!;
    tamper.swapPositions(disk.raw, a, b);
    const reading = await readLog(disk.store);
    expect(reading.problem).toBe(`the event at global position ${a} (${STREAMS[0]} revision ${earlier.revision + 1}) does not follow revision ${earlier.revision - 1} of its stream`);
    expect(reading.size).toBe(a - 1);
  });
});
