import { percentile } from '../load/load-result';
import { round } from '../stats';
import type { HttpTarget } from '../targets/http-target';

export interface LiveLag {
  readonly writes: number;
  /** From sending the write to the other instance's live stream carrying it (ms). */
  readonly otherInstance: { readonly p50Ms: number; readonly p99Ms: number };
  /** The same on the writer's own live stream: the floor the other instance is compared with. */
  readonly sameInstance: { readonly p50Ms: number; readonly p99Ms: number };
}

/**
 * Writes one development at a time through `writer` and times its arrival on `/changes/live` of
 * `writer` itself and of `reader`, another instance on the same store.
 */
export async function measureLiveLag(writer: HttpTarget, reader: HttpTarget, storyId: string, body: unknown, writes: number): Promise<LiveLag> {
  const sentAt = new Map<string, number>();
  const arrivals = { same: new Map<string, number>(), other: new Map<string, number>() };
  const streams = [await follow(writer, arrivals.same), await follow(reader, arrivals.other)];
  try {
    for (let index = 0; index < writes; index++) {
      const started = performance.now();
      const response = await fetch(`${writer.baseUrl}/stories/${storyId}/developments`, { method: 'POST', headers: { ...writer.headers }, body: JSON.stringify(body) });
      const answer = (await response.json()) as { revision?: number };
      if (response.status !== 201 || answer.revision === undefined) throw new Error(`A write for the lag measurement answered ${response.status}`);
      sentAt.set(`${storyId}#${answer.revision}`, started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const deadline = Date.now() + 10_000;
    while ([...sentAt.keys()].some((key) => !arrivals.same.has(key) || !arrivals.other.has(key))) {
      if (Date.now() > deadline) throw new Error('Not every write reached both live streams within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    for (const stream of streams) stream.abort();
  }
  const lags = (seen: Map<string, number>) => [...sentAt].map(([key, sent]) => seen.get(key)! - sent).sort((a, b) => a - b);
  const summary = (sorted: number[]) => ({ p50Ms: round(percentile(sorted, 50), 2), p99Ms: round(percentile(sorted, 99), 2) });
  return { writes, otherInstance: summary(lags(arrivals.other)), sameInstance: summary(lags(arrivals.same)) };
}

/** Reads `/changes/live` and notes when each `storyId#revision` arrives. */
async function follow(target: HttpTarget, arrivals: Map<string, number>): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${target.baseUrl}/changes/live`, { headers: { authorization: target.headers.authorization ?? '' }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET /changes/live answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      pending += value;
      const blocks = pending.split('\n\n');
      pending = blocks.pop() ?? '';
      const now = performance.now();
      for (const block of blocks) {
        const data = block.split('\n').find((line) => line.startsWith('data:'));
        if (!data) continue;
        const message = JSON.parse(data.slice(5)) as { storyId: string; revision: number };
        arrivals.set(`${message.storyId}#${message.revision}`, now);
      }
    }
  })();
  return abort;
}
