import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedWebhook {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** When it arrived (ms, this process's clock). */
  readonly at: number;
  /** The status the receiver answered, or undefined if it never did (it hung). */
  answered?: number;
}

/** What the receiver does with a request: a status to answer, or 'hang' (no answer, ever). */
export type Behaviour = (request: ReceivedWebhook, earlier: readonly ReceivedWebhook[]) => number | 'hang' | { redirectTo: string };

/**
 * A real HTTP receiver on 127.0.0.1 (a port of its own), as a newsroom's partner would run one: it keeps
 * every request, answers as the test says per path, and checks signatures as a receiver should.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly hanging = new Set<ServerResponse>();
  private waiters: (() => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => receiver.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** host:port, for WEBHOOK_ALLOWED_HOSTS. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  /** Answers 200 unless told otherwise for a path. */
  on(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  /** Resolves once `count` requests have come to `path` (or rejects after `ms`). */
  async waitFor(path: string, count: number, ms = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + ms;
    while (this.at(path).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.at(path).length} requests came to ${path} within ${ms} ms, not ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.at(path);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://receiver').pathname;
      const received: ReceivedWebhook = { method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const earlier = this.at(path);
      this.received.push(received);
      const outcome = (this.behaviours.get(path) ?? (() => 200))(received, earlier);
      if (outcome === 'hang') {
        this.hanging.add(response);
        response.on('close', () => this.hanging.delete(response));
      } else if (typeof outcome === 'object') {
        received.answered = 302;
        response.writeHead(302, { location: outcome.redirectTo }).end();
      } else {
        received.answered = outcome;
        response.writeHead(outcome, { 'content-type': 'text/plain' }).end(outcome < 300 ? 'ok' : 'no');
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
}

/**
 * Checks a request as the Standard Webhooks convention tells a receiver to: the secret's bytes (base64
 * after `whsec_`) key an HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, compared in constant
 * time with each `v1,` signature sent.
 */
export function verifySignature(secret: string, request: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  return String(request.headers['webhook-signature'])
    .split(' ')
    .filter((signature) => signature.startsWith('v1,'))
    .some((signature) => {
      const sent = Buffer.from(signature.slice(3), 'base64');
      return sent.length === expected.length && timingSafeEqual(sent, expected);
    });
}
