import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a test cluster, to make the network fail in ways a server
 * stop cannot: a server that accepts connections and never answers (`blackhole`), a connection that
 * goes silent mid-query (`freeze`), and a COMMIT that reaches the server while its answer is lost
 * (`cutAfterCommit`). Only ever points at the local test cluster.
 */
export class TcpProxy {
  private readonly pairs = new Set<{ client: Socket; server: Socket | undefined; frozen: boolean }>();
  private mode: 'pass' | 'blackhole' = 'pass';
  private cutArmed: { afterMs: number; done: () => void } | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const ready: { proxy?: TcpProxy } = {};
    const server = createServer((client) => {
      if (ready.proxy) ready.proxy.accept(client, targetPort);
      else client.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('The proxy has no port');
    ready.proxy = new TcpProxy(server, address.port);
    return ready.proxy;
  }

  /** New connections are accepted and then never answered, nor forwarded. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  /** Back to forwarding (for new connections; frozen ones stay frozen). */
  pass(): void {
    this.mode = 'pass';
  }

  /** Every open connection stops carrying bytes either way, as in a network partition. */
  freeze(): void {
    for (const pair of this.pairs) pair.frozen = true;
  }

  /**
   * The next COMMIT sent through the proxy reaches the server, but nothing the server answers on that
   * connection reaches the client; `afterMs` later both sides are cut. Resolves once it was cut.
   */
  cutAfterCommit(afterMs = 300): Promise<void> {
    return new Promise((resolve) => {
      this.cutArmed = { afterMs, done: resolve };
    });
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.server?.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    const pair: { client: Socket; server: Socket | undefined; frozen: boolean } = { client, server: undefined, frozen: false };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.server?.destroy();
      this.pairs.delete(pair);
    });
    if (this.mode === 'blackhole') return;
    const server = connect(targetPort, '127.0.0.1');
    pair.server = server;
    server.on('error', () => client.destroy());
    server.on('close', () => client.destroy());
    let answersLost = false;
    server.on('data', (chunk: Buffer) => {
      if (!pair.frozen && !answersLost) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      if (pair.frozen) return;
      const cut = this.cutArmed;
      // A simple-protocol Query message: 'Q', its length, the text and a NUL.
      if (cut && chunk.includes(Buffer.from('COMMIT\0'))) {
        this.cutArmed = undefined;
        answersLost = true;
        server.write(chunk);
        setTimeout(() => {
          client.destroy();
          server.destroy();
          cut.done();
        }, cut.afterMs);
        return;
      }
      server.write(chunk);
    });
  }
}
