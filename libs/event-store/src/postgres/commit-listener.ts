import { Client, type ClientConfig } from 'pg';
import type { CommitWakeUp, Unsubscribe } from '../event-store.port';

export interface CommitListenerOptions {
  readonly client: ClientConfig;
  readonly channel: string;
  /** The first wait after a lost connection; it doubles up to `maxReconnectDelayMs`. */
  readonly reconnectDelayMs: number;
  readonly maxReconnectDelayMs: number;
  /** How often a quiet connection is checked with `SELECT 1`, so a dead one is found and replaced
   * (give the client a query_timeout, so a dead connection fails the check instead of hanging it). */
  readonly heartbeatMs: number;
}

/**
 * Hears commits made by any instance of the store through LISTEN on a dedicated connection (each
 * append sends NOTIFY inside its transaction, which PostgreSQL delivers only once it has committed).
 * A notification is a wake-up only: followers re-read `readAll` from their own position, so a lost or
 * doubled one costs a read, never an event. Its payload is the log position the commit reached, passed
 * on so that a follower already that far need not read at all. Notifications sent while the connection
 * was down are lost, so after every (re)connect the listeners are woken once to look for themselves.
 *
 * The connection is opened only while someone listens and replaced with backoff when it breaks;
 * nothing here ever throws at the caller.
 */
export class CommitListener {
  private readonly listeners = new Set<CommitWakeUp>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private readonly gone = new WeakSet<Client>();
  private stopped = false;
  /** Counts (re)connects, for tests and diagnostics. */
  connects = 0;

  constructor(private readonly options: CommitListenerOptions) {}

  watch(listener: CommitWakeUp): Unsubscribe {
    const subscription: CommitWakeUp = (position) => listener(position);
    this.listeners.add(subscription);
    if (this.listeners.size === 1) this.ensureConnected();
    return () => {
      this.listeners.delete(subscription);
      if (this.listeners.size === 0) void this.disconnect();
    };
  }

  /** Ends the connection for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    await this.disconnect();
  }

  private ensureConnected(): void {
    if (this.stopped || this.client || this.connecting || this.reconnectTimer || this.listeners.size === 0) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  private async connect(): Promise<void> {
    const client = new Client(this.options.client);
    // Errors arrive as events on an idle connection; an unhandled one would crash the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (notification) => this.wake(positionIn(notification.payload)));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.options.channel)}`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.stopped || this.listeners.size === 0) {
      this.gone.add(client);
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.connects += 1;
    this.startHeartbeat(client);
    // Whatever was committed while there was no connection was not heard: look now.
    this.wake();
  }

  private lost(client: Client): void {
    // 'error' and 'end' both come for one broken connection: handle it once.
    if (this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) {
      this.client = undefined;
      this.stopHeartbeat();
    }
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.stopped || this.listeners.size === 0 || this.reconnectTimer) return;
    const delay = Math.min(this.options.reconnectDelayMs * 2 ** this.failures, this.options.maxReconnectDelayMs);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.ensureConnected();
    }, delay);
    this.reconnectTimer.unref();
  }

  private startHeartbeat(client: Client): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      // The client's query_timeout makes a dead connection fail this instead of waiting forever.
      client.query('SELECT 1').catch(() => this.lost(client));
    }, this.options.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private async disconnect(): Promise<void> {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.connecting;
    // Someone subscribed again while the connection was being made: keep it.
    if (!this.stopped && this.listeners.size > 0) return;
    this.stopHeartbeat();
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.gone.add(client);
      await client.end().catch(() => undefined);
    }
  }

  private wake(position?: number): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(position);
      } catch {
        // A wake-up is a hint; a listener that throws must not stop the others hearing it.
      }
    }
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The position a notification's payload names (what WRITE_BATCH sends), if it is one. */
function positionIn(payload: string | undefined): number | undefined {
  const position = Number(payload);
  return Number.isSafeInteger(position) && position > 0 ? position : undefined;
}
