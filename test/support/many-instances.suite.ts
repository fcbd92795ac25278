import { connectSse } from '../live/sse-client';
import { buildOnce, startApiProcesses, type ApiProcess } from './api-process';
import { TOKENS } from './test-app';

/** The store both processes share: their environment, and how to remove it afterwards. */
export interface SharedStore {
  /** The environment of both processes; `instanceEnv` adds what differs between them (their own DATA_DIR). */
  readonly env: Record<string, string>;
  readonly instanceEnv?: (index: number) => Record<string, string>;
  cleanup(): Promise<void>;
}

const editor = { authorization: `Bearer ${TOKENS.editor}`, 'content-type': 'application/json' };
const otherEditor = { authorization: `Bearer ${TOKENS.otherEditor}`, 'content-type': 'application/json' };
const reporter = { authorization: `Bearer ${TOKENS.reporter}` };

const troops = (count: number) => ({ type: 'troop-estimate', force: 'Russia', location: 'near the Ukrainian border', count });

async function call(instance: ApiProcess, method: string, path: string, headers: Record<string, string>, body?: unknown, rawBody?: string) {
  const payload = rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined);
  const response = await fetch(`${instance.url}${path}`, { method, headers, ...(payload !== undefined && { body: payload }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

async function within<T>(ms: number, read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Two real API processes (`node dist/apps/api/src/main.js`, as `npm start` runs it) on one store: every
 * promise of the contract's "Many instances, one store" held across them.
 */
export function describeManyInstances(name: string, shareStore: () => Promise<SharedStore>): void {
  describe(`two API processes on one ${name} store`, () => {
    let store: SharedStore;
    let a: ApiProcess;
    let b: ApiProcess;

    beforeAll(async () => {
      buildOnce();
      store = await shareStore();
      [a, b] = (await startApiProcesses(2, (index) => ({ ...store.env, ...store.instanceEnv?.(index) }))) as [ApiProcess, ApiProcess];
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await store?.cleanup();
    }, 30_000);

    it('shows a write on one in the other\'s state, list and change feed within a second', async () => {
      const opened = await call(a, 'POST', '/stories', editor, { slug: 'shared-story', headline: 'Written on A' });
      expect(opened.status).toBe(201);
      const started = Date.now();
      const state = await call(b, 'GET', '/stories/shared-story', reporter);
      expect(state.status).toBe(200);
      expect(state.body).toMatchObject({ id: 'shared-story', headline: 'Written on A', revision: 1 });
      await within(1000, async () => {
        const list = await call(b, 'GET', '/stories?limit=50', reporter);
        return (list.body!.items as { id: string }[]).some((item) => item.id === 'shared-story') || undefined;
      }, 'the story in B\'s list');
      const changes = await call(b, 'GET', '/changes?limit=5', reporter);
      expect(changes.body!.items).toEqual(expect.arrayContaining([expect.objectContaining({ storyId: 'shared-story', revision: 1 })]));
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('streams on one what is written on the other, without gap or duplicate, resumable with Last-Event-ID', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'live-across', headline: 'Live across instances' });
      const live = await connectSse(`${b.url}/stories/live-across/live`, reporter);
      try {
        for (const count of [1000, 2000, 3000]) {
          expect((await call(a, 'POST', '/stories/live-across/developments', editor, troops(count))).status).toBe(201);
        }
        const messages = await live.waitForMessages(3, 3000);
        expect(messages.map((message) => JSON.parse(message.data).revision)).toEqual([2, 3, 4]);
        const positions = messages.map((message) => Number(message.id));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));

        live.close();
        const lastSeen = messages[0]!.id!;
        await call(b, 'POST', '/stories/live-across/developments', otherEditor, troops(4000));
        const resumed = await connectSse(`${a.url}/stories/live-across/live`, { ...reporter, 'last-event-id': lastSeen });
        try {
          const again = await resumed.waitForMessages(3, 3000);
          expect(again.map((message) => JSON.parse(message.data).revision)).toEqual([3, 4, 5]);
          expect(again.map((message) => Number(message.id))).toEqual([positions[1], positions[2], expect.any(Number)]);
        } finally {
          resumed.close();
        }
      } finally {
        live.close();
      }
    });

    it('lets exactly one of 20 editors racing with the same If-Match through, split across both', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'race-across', headline: 'Race' });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          call(index % 2 === 0 ? a : b, 'POST', '/stories/race-across/developments', { ...(index % 4 < 2 ? editor : otherEditor), 'if-match': '"1"' }, troops(100 + index)),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array(19).fill(412)]);
      expect((await call(b, 'GET', '/stories/race-across', reporter)).body!.revision).toBe(2);
    });

    it('takes a write with the If-Match of the head the other wrote, whatever head this one held', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'turns-across', headline: 'Turns' });
      // Each instance has folded the story (A wrote it, B reads it), then they write in turns, each
      // with the revision the other just answered: the one writing holds a head one behind.
      expect((await call(b, 'GET', '/stories/turns-across', reporter)).body!.revision).toBe(1);
      let revision = 1;
      for (const [index, instance] of [b, a, b, a, b, a].entries()) {
        const written = await call(instance, 'POST', '/stories/turns-across/developments', { ...editor, 'if-match': `"${revision}"` }, troops(500 + index));
        expect(written.status).toBe(201);
        revision = written.body!.revision as number;
      }
      expect(revision).toBe(7);
      // A stale If-Match is still refused, on the instance that wrote last and on the other.
      for (const instance of [a, b]) expect((await call(instance, 'POST', '/stories/turns-across/developments', { ...editor, 'if-match': '"6"' }, troops(1))).status).toBe(412);
      // And a write without If-Match on the instance whose head is behind lands after the other's.
      expect((await call(b, 'POST', '/stories/turns-across/developments', editor, troops(2))).body!.revision).toBe(8);
      expect((await call(a, 'POST', '/stories/turns-across/developments', editor, troops(3))).body!.revision).toBe(9);
    });

    it('records every write without If-Match when both instances write to one story at once', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'busy-across', headline: 'Busy' });
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, index) => call(index % 2 === 0 ? a : b, 'POST', '/stories/busy-across/developments', editor, troops(1000 + index))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(300).fill(201));
      expect((await call(b, 'GET', '/stories/busy-across', reporter)).body!.revision).toBe(301);
    }, 30_000);

    it('never answers a kept document older than the stream\'s head: a write on one is in the other\'s very next GET', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'kept-across', headline: 'Kept bytes' });
      const first = await fetch(`${b.url}/stories/kept-across`, { headers: reporter });
      const firstBytes = await first.text();
      const again = await fetch(`${b.url}/stories/kept-across`, { headers: reporter });
      expect(await again.text()).toBe(firstBytes);
      expect(again.headers.get('etag')).toBe('"1"');
      for (const revision of [2, 3, 4]) {
        expect((await call(a, 'POST', '/stories/kept-across/developments', editor, troops(1000 * revision))).status).toBe(201);
        const read = await call(b, 'GET', '/stories/kept-across', { ...reporter, 'if-none-match': `"${revision - 1}"` });
        expect(read.status).toBe(200);
        expect(read.headers.get('etag')).toBe(`"${revision}"`);
        expect(read.body).toMatchObject({ revision });
      }
      expect((await call(b, 'GET', '/stories/kept-across', { ...reporter, 'if-none-match': '"4"' })).status).toBe(304);
    });

    it('gives an idempotent retry on the other instance the first answer, and appends once', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'retry-across', headline: 'Retry' });
      const headers = { ...editor, 'idempotency-key': 'retry-across-1' };
      const first = await call(a, 'POST', '/stories/retry-across/developments', headers, troops(92000));
      const retry = await call(b, 'POST', '/stories/retry-across/developments', headers, troops(92000));
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect((await call(b, 'GET', '/stories/retry-across', reporter)).body!.revision).toBe(2);
    });

    it('keeps one verifiable log: both sign the same checkpoint for the same events, and each verifies the other\'s', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'log-across', headline: 'One log' });
      await call(b, 'POST', '/stories/log-across/developments', otherEditor, troops(92000));
      const auditor = { authorization: `Bearer ${TOKENS.auditor}` };
      const checkpointOf = async (instance: ApiProcess) => (await fetch(`${instance.url}/log/checkpoint`)).text();
      const [fromA, fromB] = await within(
        2000,
        async () => {
          const pair = [await checkpointOf(a), await checkpointOf(b)];
          return pair[0] === pair[1] ? pair : undefined;
        },
        'the same checkpoint on both',
      );
      expect(fromA).toBe(fromB);
      expect((await call(a, 'GET', '/log/key', {})).body).toEqual((await call(b, 'GET', '/log/key', {})).body);
      await call(a, 'POST', '/stories/log-across/developments', editor, troops(95000));
      const verified = await call(b, 'POST', '/log/verify', { ...auditor, 'content-type': 'text/plain' }, undefined, fromA);
      expect(verified.body).toMatchObject({ consistent: true, checkpointSize: Number(fromA.split('\n')[1]) });
    });

    it('raises the same alerts, under the same ids, on both: a watch made on one, a change written on the other', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'alerts-across', headline: 'Alerts' });
      const watch = await call(a, 'POST', '/watches', { ...reporter, 'content-type': 'application/json' }, { storyId: 'alerts-across', on: ['estimate'] });
      expect(watch.status).toBe(201);
      await call(b, 'POST', '/stories/alerts-across/developments', editor, troops(92000));
      const alertsOf = async (instance: ApiProcess) => ((await call(instance, 'GET', '/alerts', reporter)).body!.items as { id: string; kind: string }[]);
      const [onA, onB] = await within(2000, async () => {
        const pair = [await alertsOf(a), await alertsOf(b)];
        return pair[0]!.length === 1 && pair[1]!.length === 1 ? pair : undefined;
      }, 'one alert on each');
      expect(onA).toEqual(onB);
      expect(onA![0]!.kind).toBe('estimate');
    });

    it('loses nothing acknowledged when one is killed under writes to both, and the other keeps answering', async () => {
      await call(a, 'POST', '/stories', editor, { slug: 'kill-across', headline: 'Kill' });
      const acknowledged: number[] = [];
      let stop = false;
      const writer = async (instance: ApiProcess, from: number) => {
        for (let count = from; !stop; count += 2) {
          const answer = await call(instance, 'POST', '/stories/kill-across/developments', editor, troops(count)).catch(() => undefined);
          if (answer?.status === 201) acknowledged.push(count);
          else if (instance === a) return; // A is gone
        }
      };
      const writers = [writer(a, 1), writer(b, 2)];
      await within(5000, async () => (acknowledged.length >= 20 ? true : undefined), '20 acknowledged writes');
      await a.kill();
      await within(5000, async () => (acknowledged.filter((count) => count % 2 === 0).length >= 20 ? true : undefined), 'B writing on');
      stop = true;
      await Promise.all(writers);

      const auditor = { authorization: `Bearer ${TOKENS.auditor}` };
      const events = await call(b, 'GET', '/stories/kill-across/events', auditor);
      expect(events.status).toBe(200);
      const recorded = (events.body!.items as { data: { count?: number } }[]).flatMap((event) => event.data.count ?? []);
      expect(new Set(recorded).size).toBe(recorded.length);
      expect(recorded).toEqual(expect.arrayContaining(acknowledged));
      const audit = await call(b, 'GET', '/stories/kill-across/audit', auditor);
      expect(audit.body).toMatchObject({ verified: true });
    }, 30_000);
  });
}
