import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../threads/start-thread';

/** An append as the writer thread gets it: checked and sealed there, on the head the file has. */
export interface WriterAppend {
  readonly streamId: string;
  readonly expectedRevision: number | 'any';
  readonly events: readonly {
    readonly type: string;
    /** JSON text, as stored (the chain covers it parsed). */
    readonly data: string;
    readonly metadata: string;
  }[];
  readonly idempotency: { readonly scope: string; readonly key: string; readonly fingerprint: string; readonly status: number; readonly body: string } | null;
  /** Index in the same batch of the append this one builds on, or null. */
  readonly follows: number | null;
  readonly followsAFailure: boolean;
}

/** What the writer says of one append. */
export type WriterOutcome =
  | { readonly kind: 'ok'; readonly revisionBefore: number; readonly headHash: string; readonly positions: readonly number[]; readonly hashes: readonly string[] }
  | { readonly kind: 'conflict'; readonly revision: number }
  | { readonly kind: 'key-taken' }
  | { readonly kind: 'followed'; readonly revision: number }
  | { readonly kind: 'failed'; readonly error: WriterError };

/** What the writer thread is started with (sqlite-writer.thread.ts). */
export interface WriterThreadData {
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly checkpointIntervalMs: number;
}

export interface WriterError {
  readonly message: string;
  readonly code?: string;
}

interface Reply {
  readonly id: number;
  readonly outcomes?: WriterOutcome[];
  readonly error?: WriterError;
  readonly closed?: boolean;
}


/**
 * The store's write connection in a worker thread (sqlite-writer.thread.ts): a batch's check, sealing
 * and commit, with its fsync, run there while the event loop goes on serving requests and gathering
 * the next batch; so do the WAL's checkpoints, between batches.
 * One batch at a time (GroupCommit sends the next one when this one is answered).
 */
export class SqliteWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: unknown) => void }>();

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    /** How often the thread moves committed pages from the WAL into the file, between batches. */
    private readonly checkpointIntervalMs: number,
  ) {}

  /** Commits a batch in one transaction; rejects when the transaction did not commit. */
  async commit(batch: readonly WriterAppend[]): Promise<WriterOutcome[]> {
    const reply = await this.send({ batch });
    if (reply.error) throw writerError(reply.error);
    return reply.outcomes!;
  }

  /** Closes the write connection and ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await this.send({ close: true }).catch(() => undefined);
    await worker.terminate();
    this.worker = undefined;
  }

  private send(message: { batch?: readonly WriterAppend[]; close?: true }): Promise<Reply> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  /** A thread that died (it should not) fails what it had and is started again on the next batch. */
  private start(): Worker {
    const data: WriterThreadData = { file: this.file, busyTimeoutMs: this.busyTimeoutMs, checkpointIntervalMs: this.checkpointIntervalMs };
    const worker = startThread(join(__dirname, 'sqlite-writer.thread'), data);
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: unknown) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The SQLite writer thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The error as better-sqlite3 would have thrown it: its message and SQLite code. */
export function writerError({ message, code }: WriterError): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}
