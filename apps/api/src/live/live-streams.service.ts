import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { storyStreamName } from '@story-tracker/domain';
import type { EventStore, StoredEvent } from '@story-tracker/event-store';
import type { FastifyReply } from 'fastify';
import { ChangeFeedService, type ChangeItem } from '../changes/change-feed.service';
import { EventFollower } from './event-follower';
import { LiveEventHub } from './live-event-hub';
import { LiveSettings } from './live-settings';
import { commentFrame, messageFrame, replyHeaders, retryFrame, SSE_HEADERS } from './sse-frames';
import { AppConfig, EVENT_STORE } from '@story-tracker/runtime';
import { ApiError } from '../errors/api-error';
import { StoryCopies } from '../story-loader/story-copies';

/** Descriptions kept for sharing between clients (the most recent positions). */
const DESCRIPTIONS_KEPT = 1000;

export interface LiveStreamRequest {
  /** The token asking (`Principal.tokenId`): each may hold LIVE_MAX_STREAMS_PER_TOKEN streams at once. */
  readonly tokenId: string;
  /** Which events this client wants. */
  readonly accepts: (event: StoredEvent) => boolean;
  /** The client's Last-Event-ID: it gets every wanted event after it first. Absent: from now on. */
  readonly afterPosition?: number;
}

/**
 * Serves Server-Sent Event streams on hijacked Fastify replies: headers at once, then one message per
 * appended event (described in words by the change feed), a heartbeat comment while idle, and the
 * store listener removed as soon as the client goes away. Streams still open at shutdown are ended,
 * so that closing the server does not wait for clients that never leave.
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveStreams');
  private readonly open = new Set<ServerResponse>();
  private readonly openPerToken = new Map<string, number>();
  /** By global position, with its stream: a redaction drops those of its story (they hold the values). */
  private readonly described = new Map<number, { readonly streamId: string; readonly item: Promise<ChangeItem | undefined> }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly changes: ChangeFeedService,
    private readonly settings: LiveSettings,
    private readonly hub: LiveEventHub,
    private readonly config: AppConfig,
    copies: StoryCopies,
  ) {
    copies.keep(this);
  }

  /** Drops the descriptions of a story's events: made before a redaction, they would replay its values in every backlog. */
  forgetStory(storyId: string): void {
    const stream = storyStreamName(storyId);
    for (const [position, described] of this.described) if (described.streamId === stream) this.described.delete(position);
  }

  /** How many clients are connected now. */
  get connections(): number {
    return this.open.size;
  }

  async serve(reply: FastifyReply, request: LiveStreamRequest): Promise<void> {
    const { heartbeatMs, retryMs, maxBufferedBytes, backlogPageSize } = this.settings;
    // Counted before the first await, so that streams opened all at once are counted one by one.
    const release = this.holdSlot(request.tokenId);
    const response = reply.raw;
    let closed = false;
    const write = (frame: string) => {
      if (closed || response.writableEnded || frame === '') return;
      response.write(frame);
      if (response.writableLength > maxBufferedBytes) {
        this.logger.warn({ requestId: reply.request.id }, 'A live client is not reading; dropping it (it resumes from its Last-Event-ID)');
        response.destroy();
      }
    };
    // Messages are described asynchronously; one chain keeps them in order.
    let writes = Promise.resolve();
    const follower = new EventFollower(this.store, this.hub, {
      accepts: request.accepts,
      pageSize: backlogPageSize,
      deliver: (events) => {
        writes = writes.then(async () => write(await this.framesOf(events))).catch((error: unknown) => {
          // Never skip an event silently: end the stream; the client reconnects after the last id it got.
          this.logger.error({ err: error, requestId: reply.request.id }, 'A live update could not be described; ending the stream');
          response.end();
        });
      },
    });
    const heartbeat = setInterval(() => write(commentFrame('heartbeat')), heartbeatMs);
    heartbeat.unref();
    const cleanUp = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      follower.stop();
      this.open.delete(response);
      release();
    };
    response.once('close', cleanUp);
    this.open.add(response);
    // A client that went away while its request was checked has already closed: nothing to serve.
    if (!response.socket || response.socket.destroyed) {
      cleanUp();
      reply.hijack();
      return;
    }

    try {
      if (request.afterPosition === undefined) await follower.startAtHead();
      else follower.startAt(request.afterPosition);
    } catch (error) {
      cleanUp();
      throw error;
    }

    // The subscription is in place and the starting point fixed: anything appended from here on reaches
    // this client, so the headers can go (a client may wait for them before it writes).
    reply.hijack();
    response.writeHead(200, { ...replyHeaders(reply), ...SSE_HEADERS });
    response.flushHeaders();
    write(retryFrame(retryMs));
    try {
      await follower.catchUp();
    } catch (error) {
      this.logger.error({ err: error, requestId: reply.request.id }, 'Catching a live client up failed; ending the stream');
      response.end();
    }
  }

  /**
   * Every client hears the same events: each is described once and shared (events never change, nor
   * does the story before them, but for a redaction: see forgetStory). Recent positions only; a failed
   * description is forgotten.
   */
  private describe(events: readonly StoredEvent[]): Promise<ChangeItem[]> {
    const missing = events.filter((event) => !this.described.has(event.globalPosition));
    if (missing.length > 0) {
      const batch = this.changes.describe(missing);
      batch.catch(() => missing.forEach((event) => this.described.delete(event.globalPosition)));
      for (const event of missing) {
        this.described.set(event.globalPosition, { streamId: event.streamId, item: batch.then((items) => items.find((item) => item.globalPosition === event.globalPosition)) });
      }
    }
    const wanted = events.map((event) => this.described.get(event.globalPosition)?.item);
    for (const position of this.described.keys()) {
      if (this.described.size <= DESCRIPTIONS_KEPT) break;
      this.described.delete(position);
    }
    return Promise.all(wanted).then((items) => items.filter((item): item is ChangeItem => item !== undefined));
  }

  /**
   * One more stream for this token, or a 429 past the cap. `Retry-After` is one heartbeat: about when
   * the server has noticed a stream whose client went away without closing it.
   */
  holdSlot(tokenId: string): () => void {
    const limit = this.config.LIVE_MAX_STREAMS_PER_TOKEN;
    const held = this.openPerToken.get(tokenId) ?? 0;
    if (held >= limit) {
      const retryAfter = String(Math.max(1, Math.ceil(this.settings.heartbeatMs / 1000)));
      throw new ApiError('TooManyLiveStreams', `This token already holds ${held} live streams, the most it may; close one first`, { limit }, { 'retry-after': retryAfter });
    }
    this.openPerToken.set(tokenId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.openPerToken.get(tokenId) ?? 1) - 1;
      if (left > 0) this.openPerToken.set(tokenId, left);
      else this.openPerToken.delete(tokenId);
    };
  }

  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }

  private async framesOf(events: readonly StoredEvent[]): Promise<string> {
    const items = await this.describe(events);
    return items
      .map(({ globalPosition, storyId, revision, type, developmentId, description }) =>
        messageFrame(globalPosition, { storyId, revision, type, ...(developmentId !== undefined && { developmentId }), description }),
      )
      .join('');
  }
}

/** Headers already set on the reply by hooks (x-request-id), which a hijacked reply would drop. */
