import { round } from '../stats';
import { startApiProcesses } from '../targets/api-processes';
import type { OurApi } from '../targets/our-api';
import { heldMiB } from './force-gc';
import type { HistoryCaseResult } from './history-result';
import { LONG_STORY } from './long-story.fixture';
import { timedGet, type TimedResponse } from './timed-get';

export interface FirstReads {
  /** The instance after the restart: every later case runs on it. */
  readonly ours: OurApi;
  readonly results: HistoryCaseResult[];
  readonly details: Readonly<Record<string, number>>;
}

/**
 * The first reads of the long story. Cold, in the process that has never folded it and with no
 * snapshots in the store yet (as the first start after an upgrade of the folding code, or after an
 * import): GET ?revision=N, then GET (the head). Those folds write the snapshots. Then the app is
 * restarted (closed, and a new instance started on the same DATA_DIR) and the same two reads are
 * timed again, with the heap (after a full GC) before and after each: the history index a revision
 * read leaves, and the head a write or a GET of the latest state leaves. The figures of the cases are
 * those of a real restart, a new API process (`firstReadsInANewProcess`).
 */
export async function measureFirstReads(before: OurApi, revision: number, latestRevision: number): Promise<FirstReads> {
  const at = `/stories/${LONG_STORY}?revision=${revision}`;
  const head = `/stories/${LONG_STORY}`;
  const coldRevision = await timedGet(before, at);
  const coldHead = await timedGet(before, head);
  await before.snapshotsWritten();
  const ours = await before.restart();
  const heapStart = heldMiB();
  const inProcessRevision = await timedGet(ours, at);
  const heapAfterRevision = heldMiB();
  const inProcessHead = await timedGet(ours, head);
  const heapAfterHead = heldMiB();
  const { warmRevision, warmHead } = await firstReadsInANewProcess(ours, at, head);
  const story = `the ${latestRevision}-event story`;
  const results: HistoryCaseResult[] = [
    {
      name: 'history-first-read after restart',
      value: round(warmRevision.ms, 1),
      unit: 'ms',
      baseline: round(coldRevision.ms, 1),
      ratio: round(coldRevision.ms / warmRevision.ms, 2),
      note:
        `lower is better; ratio = baseline / ours. GET ?revision=${revision} of ${story}, the first read of the story by a new API process (node dist/apps/api/src/main.js, as npm start) on the same DATA_DIR (snapshots in the store; ` +
        `its first requests were /health and /log/checkpoint; ${round(inProcessRevision.ms, 1)} ms in a new app instance in the bench's own process, its heap + array buffers ${round(heapStart, 0)} MiB before the read); ` +
        `baseline: the same request in the instance before, the first ever, with no snapshot to start from (it folds revisions 1..${revision} and writes the snapshots it passes)`,
    },
    {
      name: 'history-first-head-read after restart',
      value: round(warmHead.ms, 1),
      unit: 'ms',
      baseline: round(coldHead.ms, 1),
      ratio: round(coldHead.ms / warmHead.ms, 2),
      note: `lower is better; ratio = baseline / ours. GET (the latest state, what a write loads too) of ${story} right after the read above, in the same new process (${round(inProcessHead.ms, 1)} ms in the new app instance in the bench's process); baseline the same in the instance before, folding from the last checkpoint it had`,
    },
    {
      name: 'history-index heap',
      value: round(heapAfterRevision - heapStart, 1),
      unit: 'MiB',
      baseline: null,
      ratio: null,
      note: `heap used + array buffers (after a full GC) grew from ${round(heapStart, 1)} to ${round(heapAfterRevision, 1)} MiB with the first read of a revision after the restart (what the loader keeps for it: a line of checkpoints from the snapshot it decoded, the marks); no baseline`,
    },
    {
      name: 'history-head heap',
      value: round(heapAfterHead - heapAfterRevision, 1),
      unit: 'MiB',
      baseline: null,
      ratio: null,
      note: `heap used + array buffers (after a full GC) grew by this much more when the head of ${story} was loaded (the latest state, kept for writes and GET); no baseline`,
    },
  ];
  return {
    ours,
    results,
    details: {
      revision,
      coldRevisionMs: round(coldRevision.ms, 0),
      coldHeadMs: round(coldHead.ms, 0),
      revisionAfterRestartMs: round(warmRevision.ms, 1),
      headAfterRestartMs: round(warmHead.ms, 1),
      revisionAfterInProcessRestartMs: round(inProcessRevision.ms, 1),
      headAfterInProcessRestartMs: round(inProcessHead.ms, 1),
      heapStartMiB: round(heapStart, 1),
      heapAfterRevisionMiB: round(heapAfterRevision, 1),
      heapAfterHeadMiB: round(heapAfterHead, 1),
    },
  };
}

/**
 * The same two reads in a new API process on the same DATA_DIR, as `npm start` runs it: what a user
 * sees after a restart: its code is cold, and its heap holds nothing of the bench's (the new app
 * instance in the bench's process is measured too, and noted).
 * First the instance in this process is asked for a log checkpoint, which waits for its tree to take
 * every event written (the long story went into the file behind its back), so that the new process
 * starts with nothing to catch up; then the new one is asked for one too, for the same reason.
 */
async function firstReadsInANewProcess(ours: OurApi, at: string, head: string): Promise<{ warmRevision: TimedResponse; warmHead: TimedResponse }> {
  await timedGet(ours, '/log/checkpoint');
  const [restarted] = await startApiProcesses(1, { DATA_DIR: ours.dataDir, EVENT_STORE: 'sqlite' }, 'restarted');
  try {
    await timedGet(restarted!, '/log/checkpoint');
    const warmRevision = await timedGet(restarted!, at);
    const warmHead = await timedGet(restarted!, head);
    return { warmRevision, warmHead };
  } finally {
    await restarted!.close();
  }
}
