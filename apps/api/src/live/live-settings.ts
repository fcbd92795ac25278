import { Injectable } from '@nestjs/common';

/**
 * Tunables of the live streams. Not environment variables: nobody needs to change them in production,
 * and tests shorten the heartbeat through `app.get(LiveSettings)` before they connect.
 */
@Injectable()
export class LiveSettings {
  /** An idle stream gets a `: heartbeat` comment this often, so proxies and clients see it is alive. */
  heartbeatMs = 15_000;
  /** Sent as the stream's `retry:` field: how long an EventSource waits before it reconnects. */
  retryMs = 3_000;
  /**
   * A client that lets this much output pile up unread is dropped; it reconnects with its
   * Last-Event-ID and catches up from the store, so nothing is lost and memory stays bounded.
   */
  maxBufferedBytes = 1024 * 1024;
  /** Events read per page while catching a reconnecting client up from the store. */
  backlogPageSize = 500;
}
