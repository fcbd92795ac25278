import { EMPTY_TREE_ROOT, type LogReading } from '@story-tracker/verifiable-log';
import { consistencyOf } from './consistency';

const root = (byte: number) => Buffer.alloc(32, byte);
const reading = (size: number, roots: [number, Buffer][], problem?: string): LogReading => ({ size, roots: new Map(roots), ...(problem && { problem }) });
const checkpoint = (treeSize: number, rootHash: Buffer) => ({ origin: 'news.example/log', treeSize, rootHash });

describe('consistencyOf', () => {
  it('holds when today’s root at the checkpoint’s size is its root', () => {
    expect(consistencyOf(checkpoint(1180, root(1)), reading(1204, [[1180, root(1)], [1204, root(2)]]))).toEqual({
      consistent: true,
      checkpointSize: 1180,
      treeSize: 1204,
      line: "consistent: today's log (1,204 events) extends the checkpoint of 1,180 events",
    });
  });

  it('holds for the empty tree’s checkpoint, and for one of today’s size', () => {
    expect(consistencyOf(checkpoint(0, EMPTY_TREE_ROOT), reading(1, [[0, EMPTY_TREE_ROOT], [1, root(2)]])).line).toBe("consistent: today's log (1 event) extends the checkpoint of 0 events");
    expect(consistencyOf(checkpoint(1, root(2)), reading(1, [[1, root(2)]])).line).toBe("consistent: today's log (1 event) is the log the checkpoint signed");
  });

  it.each([
    ['a larger checkpoint', checkpoint(3, root(1)), reading(2, [[2, root(1)]]), "today's log has 2 events, fewer than the checkpoint's 3 events: events were removed"],
    ['a problem within it', checkpoint(3, root(1)), reading(1, [[1, root(1)]], 'no event at global position 2'), "today's log is broken within the checkpoint's 3 events: no event at global position 2"],
    ['another root', checkpoint(2, root(1)), reading(2, [[2, root(9)]]), "the root of today's first 2 events is not the checkpoint's: among them an event was changed, removed, added or moved"],
    ['a problem after it', checkpoint(2, root(1)), reading(2, [[2, root(1)]], 'a broken link'), "today's log holds the checkpoint's 2 events unchanged, but is broken after them: a broken link"],
  ])('does not hold for %s', (_what, given, today, problem) => {
    expect(consistencyOf(given, today)).toMatchObject({ consistent: false, problem, line: `NOT CONSISTENT: ${problem}` });
  });
});
