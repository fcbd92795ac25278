import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { HistoryCaseResult } from '../history/history-result';
import { round } from '../stats';

/** The baseline of the full recomputation: every row read, parsed and hashed, in global order. */
export interface RawRead {
  readonly rows: number;
  readonly ms: number;
}

/**
 * Every row of the store with better-sqlite3 `.iterate()` in global order, data and metadata
 * `JSON.parse`d and the SHA-256 of data + metadata + previous hash text taken: the baseline of
 * `history-replay-verify` (what one would write in an afternoon to check a log), over the whole store.
 */
export function readParseAndHashRows(file: string): RawRead {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const started = performance.now();
    let rows = 0;
    for (const row of db.prepare<[], { data: string; metadata: string; previous_hash: string }>('SELECT data, metadata, previous_hash FROM events ORDER BY global_position').iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      createHash('sha256').update(row.data + row.metadata + row.previous_hash).digest('hex');
      rows++;
    }
    return { rows, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

/**
 * POST /log/verify on the whole store, as events per second: `readLog` in the API process (every
 * event read through the store port, its chain hash recomputed over canonical JSON, links and
 * positions checked, the tree's root streamed; what the CLI does too), then the tiles' root. One
 * request (≈ 20–30 s on 1M events) against one raw read just before it.
 */
export function verifyResult(verifyMs: number, events: number, stories: number, raw: RawRead): HistoryCaseResult {
  const rate = events / (verifyMs / 1000);
  const baseline = raw.rows / (raw.ms / 1000);
  return {
    name: 'log-verify readLog',
    value: round(rate, 0),
    unit: 'events/s',
    baseline: round(baseline, 0),
    ratio: round(rate / baseline, 3),
    samples: { ours: 1, baseline: 1 },
    note:
      `POST /log/verify of the checkpoint the API signed, on ${events} events in ${stories} stories: ${round(verifyMs / 1000, 1)} s wall time (readLog: readAll through the port, chain hash over canonical JSON, ` +
      `links and positions, leaf + streaming root; then the tiles' root); baseline better-sqlite3 .iterate() in global order + JSON.parse of data and metadata + SHA-256 of data + metadata + previous hash text ` +
      `(${round(raw.ms / 1000, 1)} s, in the bench process while the API was idle); ratio = ours / baseline`,
  };
}
