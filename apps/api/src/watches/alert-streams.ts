import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { LiveSettings } from '../live/live-settings';
import { LiveStreams } from '../live/live-streams.service';
import { commentFrame, replyHeaders, retryFrame, SSE_HEADERS } from '../live/sse-frames';
import { AlertBook, publicAlert, type KeptAlert } from './alert-book';
import { AlertFollower } from './alert-follower';

const BACKLOG_PAGE = 500;

/**
 * `GET /alerts/live`: the caller's alerts as Server-Sent Events, `id:` the alert id. From now, or after
 * the Last-Event-ID sent (the alerts kept since, then the new ones, none twice). Shares the per-token
 * cap of the other live streams.
 */
@Injectable()
export class AlertStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly book: AlertBook,
    private readonly follower: AlertFollower,
    private readonly live: LiveStreams,
    private readonly settings: LiveSettings,
  ) {}

  serve(reply: FastifyReply, request: { readonly actor: string; readonly tokenId: string; readonly after?: { position: number; watchId: string } }): void {
    const release = this.live.holdSlot(request.tokenId);
    const response = reply.raw;
    let last = request.after;
    let caughtUp = false;
    const waiting: KeptAlert[] = [];
    const send = (alerts: readonly KeptAlert[]) => {
      for (const alert of alerts) {
        if (last && (alert.position < last.position || (alert.position === last.position && alert.watchId <= last.watchId))) continue;
        response.write(`id: ${alert.id}\ndata: ${JSON.stringify(publicAlert(alert))}\n\n`);
        last = { position: alert.position, watchId: alert.watchId };
      }
    };
    const stop = this.follower.onAlerts((alerts) => {
      const mine = alerts.filter((alert) => alert.actor === request.actor);
      if (caughtUp) send(mine);
      else waiting.push(...mine);
    });
    const heartbeat = setInterval(() => response.write(commentFrame('heartbeat')), this.settings.heartbeatMs);
    heartbeat.unref();
    let closed = false;
    const cleanUp = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stop();
      release();
      this.open.delete(response);
    };
    response.once('close', cleanUp);
    this.open.add(response);
    reply.hijack();
    response.writeHead(200, { ...replyHeaders(reply), ...SSE_HEADERS });
    response.flushHeaders();
    response.write(retryFrame(this.settings.retryMs));
    if (request.after) {
      for (;;) {
        const page = this.book.alertsAfter(request.actor, last, BACKLOG_PAGE);
        send(page);
        if (page.length < BACKLOG_PAGE) break;
      }
    }
    caughtUp = true;
    send(waiting.splice(0));
  }

  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }
}
