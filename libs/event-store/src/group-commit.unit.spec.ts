import { followsFailedAppend, GroupCommit, type BatchOutcome, type Batched } from './group-commit';

interface Request {
  readonly name: string;
  readonly streamId: string;
  readonly expectedRevision: number | 'any';
  readonly events: readonly unknown[];
}

/** An append of one event to `streamId` expecting `expectedRevision`. */
const append = (name: string, streamId = name, expectedRevision: number | 'any' = 'any'): Request => ({ name, streamId, expectedRevision, events: [{}] });
const ok = ({ request }: Batched<Request>): BatchOutcome<string> => ({ ok: true, result: request.name });
const names = (batch: readonly Batched<Request>[]) => batch.map(({ request }) => request.name);

describe('GroupCommit', () => {
  it('commits what is submitted in the same turn together, in the order it was submitted', async () => {
    const batches: string[][] = [];
    const group = new GroupCommit<Request, string>({ commit: (batch) => (batches.push(names(batch)), batch.map(ok)) });

    const answers = await Promise.all(['a', 'b', 'c'].map((name) => group.submit(append(name))));
    const later = await group.submit(append('d'));

    expect(answers).toEqual(['a', 'b', 'c']);
    expect(later).toBe('d');
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('answers each request on its own: one refused does not fail the others', async () => {
    const group = new GroupCommit<Request, string>({
      commit: (batch) => batch.map((batched, index) => (index % 2 === 0 ? { ok: false, error: new Error('refused') } : ok(batched))),
    });

    const settled = await Promise.allSettled(['a', 'b', 'c', 'd'].map((name) => group.submit(append(name))));

    expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole batch when its commit throws, and goes on with the next', async () => {
    let fail = true;
    const group = new GroupCommit<Request, string>({
      commit: (batch) => {
        if (fail) throw new Error('disk full');
        return batch.map(ok);
      },
    });

    const first = await Promise.allSettled([group.submit(append('a')), group.submit(append('b'))]);
    fail = false;

    expect(first.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await group.submit(append('c'))).toBe('c');
  });

  it('gathers what arrives while an asynchronous batch commits into the next one, one batch at a time', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    let inFlight = 0;
    let mostInFlight = 0;
    const group = new GroupCommit<Request, string>({
      commit: async (batch) => {
        batches.push(names(batch));
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        inFlight--;
        return batch.map(ok);
      },
    });

    const first = group.submit(append('a'));
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [group.submit(append('b')), group.submit(append('c'))];
    await new Promise((resolve) => setImmediate(resolve));
    const waitingToo = group.submit(append('d'));
    release();

    expect(await Promise.all([first, ...waiting, waitingToo])).toEqual(['a', 'b', 'c', 'd']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(mostInFlight).toBe(1);
  });

  it('tells when no batch is being committed: at once when idle, else as the one in flight is answered, before the next is cut', async () => {
    const order: string[] = [];
    let release!: () => void;
    const group = new GroupCommit<Request, string>({
      commit: async (batch) => {
        order.push(`commit ${names(batch).join(',')}`);
        if (names(batch)[0] === 'a') await new Promise<void>((resolve) => (release = resolve));
        return batch.map(ok);
      },
    });
    await group.betweenBatches();

    const a = group.submit(append('a'));
    await new Promise((resolve) => setImmediate(resolve));
    const b = group.submit(append('b'));
    const between = group.betweenBatches().then(() => order.push('between'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['commit a']);
    release();
    await Promise.all([a, b, between]);

    expect(order).toEqual(['commit a', 'between', 'commit b']);
  });

  it('puts no more than maxBatch requests in one commit', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<Request, string>({ commit: (batch) => (sizes.push(batch.length), batch.map(ok)), maxBatch: 2 });

    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => group.submit(append(name))));

    expect(sizes).toEqual([2, 2, 1]);
  });

  it('commits what is waiting when drained', async () => {
    const committed: string[] = [];
    const group = new GroupCommit<Request, string>({ commit: (batch) => (committed.push(...names(batch)), batch.map(ok)) });

    const answer = group.submit(append('a'));
    await group.drain();

    expect(committed).toEqual(['a']);
    expect(await answer).toBe('a');
  });

  describe('an append that builds on one in flight', () => {
    it('is marked as following it in the same batch when it expects the revision that one leads to', async () => {
      const seen: Batched<Request>[][] = [];
      const group = new GroupCommit<Request, string>({ commit: (batch) => (seen.push([...batch]), batch.map(ok)) });

      await Promise.all([
        group.submit(append('first', 'story-1', 3)),
        group.submit(append('other stream', 'story-2', 4)),
        group.submit(append('second', 'story-1', 4)),
        group.submit(append('third', 'story-1', 5)),
        group.submit(append('unrelated revision', 'story-1', 9)),
      ]);

      expect(seen[0]!.map(({ follows }) => follows)).toEqual([undefined, undefined, 0, 2, undefined]);
    });

    it('is marked as following it past an unanswered append with any revision after it', async () => {
      const seen: Batched<Request>[][] = [];
      const group = new GroupCommit<Request, string>({ commit: (batch) => (seen.push([...batch]), batch.map(ok)) });

      await Promise.all([
        group.submit(append('first', 'story-1', 1)),
        group.submit(append('whatever the head', 'story-1', 'any')),
        group.submit(append('decided on the first', 'story-1', 2)),
      ]);

      // Had the first failed, the 'any' one would have made revision 2: the third must fail with it.
      expect(seen[0]!.map(({ follows }) => follows)).toEqual([undefined, undefined, 0]);
    });

    it('is refused by the adapter when the one it follows failed, in the same batch', async () => {
      const group = new GroupCommit<Request, string>({
        commit: (batch) => {
          const outcomes: BatchOutcome<string>[] = [];
          for (const batched of batch) {
            if (followsFailedAppend(batched, outcomes)) outcomes.push({ ok: false, error: new Error('followed a failure') });
            else outcomes.push(batched.request.name === 'first' ? { ok: false, error: new Error('conflict') } : ok(batched));
          }
          return outcomes;
        },
      });

      const settled = await Promise.allSettled([group.submit(append('first', 's', 1)), group.submit(append('second', 's', 2)), group.submit(append('fresh', 's', 1))]);

      expect(settled.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : outcome.value))).toEqual(['conflict', 'followed a failure', 'fresh']);
    });

    it('is told that the one it follows failed in an earlier batch', async () => {
      let release!: () => void;
      const seen: Batched<Request>[] = [];
      const group = new GroupCommit<Request, string>({
        commit: async (batch) => {
          seen.push(...batch);
          if (seen.length === 1) {
            await new Promise<void>((resolve) => (release = resolve));
            return [{ ok: false, error: new Error('conflict') }];
          }
          return batch.map(ok);
        },
      });

      const first = group.submit(append('first', 's', 1)).catch(() => 'refused');
      await new Promise((resolve) => setImmediate(resolve));
      const second = group.submit(append('second', 's', 2));
      release();

      expect(await first).toBe('refused');
      await second;
      expect(seen.map(({ request, followsAFailure }) => [request.name, followsAFailure])).toEqual([
        ['first', false],
        ['second', true],
      ]);
    });
  });
});
