import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { encodeStoredEvent } from '../encoded-events';
import type { EncodedStoredEvent, StoredEvent } from '../event-store.port';
import { startThread } from '../threads/start-thread';
import { joinChainSegments, type ChainSegment } from './chain-segments';
import type { ChainPart, ChainPartAnswer, ChainThreadData } from './chain-thread';
import { ChainVerifier, type ChainVerification } from './chain-verifier';

/** Parts on the thread at once: with two, it always has the next to start on. */
const PARTS_IN_FLIGHT = 2;
/** How long the thread may go without answering before its parts are checked here instead. */
const STALLED_AFTER_MS = 60_000;
/**
 * Chain threads running at once in this process, across every verifier: more would not check faster
 * than there are CPUs beside the callers', and each holds a V8 heap of its own (≈ 10 MiB). A verifier
 * made when all are taken checks everything on its caller's thread, as a short stream does.
 */
export const MAX_CHAIN_THREADS = Math.max(1, availableParallelism() - 1);
let chainThreadsRunning = 0;

/**
 * A stream's hash chain checked on two threads: this one and a worker thread of its own. Parts of
 * the stream, given in order, go to the thread while it has fewer than two to do and are checked
 * here otherwise, so the caller (who also folds every event) and the thread share the work by how
 * fast each goes. The parts are joined at the end into exactly what one `ChainVerifier` reading the
 * whole stream would have found (`joinChainSegments`).
 *
 * Nothing is lost to the thread: a part is kept until its answer comes, and if the thread fails,
 * stalls or cannot read a part, the parts it had are checked here.
 */
export class ParallelChainVerifier {
  private readonly thread: Worker | undefined;
  private readonly answers: MessagePort;
  /** Parts sent to the thread and not answered yet, with the parsed events to check here if need be. */
  private readonly onThread = new Map<number, { readonly before: number; readonly events: readonly StoredEvent[] }>();
  private readonly segments: ChainSegment[] = [];
  private failed = false;
  private nextId = 0;
  private before = 0;
  private lastAnswerAt = Date.now();
  private released = false;

  constructor(private readonly streamId: string) {
    const channel = new MessageChannel();
    this.answers = channel.port1;
    if (chainThreadsRunning >= MAX_CHAIN_THREADS) {
      this.failed = true;
      return;
    }
    try {
      const data: ChainThreadData = { streamId, answers: channel.port2 };
      this.thread = startThread(join(__dirname, 'chain-thread'), data, [channel.port2]);
    } catch {
      this.failed = true;
      return;
    }
    chainThreadsRunning += 1;
    // Neither keeps the process alive: a caller that never asks for the result leaves nothing running.
    this.thread.unref();
    this.answers.unref();
    this.thread.on('error', () => this.fail());
    this.thread.once('exit', () => {
      this.release();
      this.fail();
    });
  }

  /** Checks the next events of the stream (after those given before), on the thread if it has room. */
  check(events: readonly StoredEvent[], encoded?: readonly EncodedStoredEvent[]): void {
    this.collectAnswers();
    const before = this.before;
    this.before += events.length;
    if (this.failed || this.onThread.size >= PARTS_IN_FLIGHT) {
      this.segments.push(checkHere(this.streamId, before, events));
      return;
    }
    const part: ChainPart = { id: this.nextId++, before, events: encoded ?? events.map(encodeStoredEvent) };
    if (this.onThread.size === 0) this.lastAnswerAt = Date.now();
    this.onThread.set(part.id, { before, events });
    this.thread!.postMessage(part);
  }

  /** The verification of everything checked, once the thread has answered; stops the thread. */
  async result(): Promise<ChainVerification> {
    try {
      this.collectAnswers();
      while (this.onThread.size > 0 && !this.failed) {
        await delay(1);
        this.collectAnswers();
        if (Date.now() - this.lastAnswerAt > STALLED_AFTER_MS) this.fail();
      }
      for (const part of this.onThread.values()) this.segments.push(checkHere(this.streamId, part.before, part.events));
      this.onThread.clear();
      return joinChainSegments(this.segments);
    } finally {
      await this.close();
    }
  }

  /** Stops the thread (also when the caller gives up before asking for the result). */
  async close(): Promise<void> {
    this.failed = true;
    this.answers.close();
    await this.thread?.terminate();
    this.release();
  }

  /** Gives back this verifier's place among the MAX_CHAIN_THREADS, once. */
  private release(): void {
    if (!this.thread || this.released) return;
    this.released = true;
    chainThreadsRunning -= 1;
  }

  private collectAnswers(): void {
    for (let received = receiveMessageOnPort(this.answers); received; received = receiveMessageOnPort(this.answers)) {
      const answer = received.message as ChainPartAnswer;
      const part = this.onThread.get(answer.id);
      if (!part) continue;
      this.onThread.delete(answer.id);
      this.lastAnswerAt = Date.now();
      this.segments.push('segment' in answer ? answer.segment : checkHere(this.streamId, part.before, part.events));
    }
  }

  private fail(): void {
    this.failed = true;
  }

  /** Whether this verifier got a thread (false when MAX_CHAIN_THREADS were running, or none could start). */
  get threaded(): boolean {
    return this.thread !== undefined;
  }
}

function checkHere(streamId: string, before: number, events: readonly StoredEvent[]): ChainSegment {
  const verifier = new ChainVerifier(streamId, { before });
  for (const event of events) verifier.check(event);
  return verifier.segment();
}
