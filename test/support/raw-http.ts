import { connect } from 'node:net';

export interface RawRequest {
  readonly method: string;
  /** Sent as it is: may hold bytes a URL library would refuse to send. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Header lines sent byte for byte (latin1), for values Node's own client would refuse. */
  readonly rawHeaderLines?: readonly Buffer[];
  readonly body?: Buffer | string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (none for a live stream, which is closed as soon as its headers arrive). */
  readonly body: string;
}

/**
 * One HTTP/1.1 request over a bare socket, byte for byte as given (supertest and node:http refuse
 * to send malformed methods, paths, header values and bodies; a hostile client does not). The
 * connection is closed after the answer; a text/event-stream answer is cut off after its headers.
 */
export function rawRequest(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers = { host: `127.0.0.1:${port}`, connection: 'close', ...(body.length > 0 && { 'content-length': String(body.length) }), ...request.headers };
  const head = Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}`, 'latin1');
  const extra = (request.rawHeaderLines ?? []).flatMap((line) => [line, Buffer.from('\r\n')]);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`No complete answer to ${request.method} ${request.path} within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const parsed = parse(Buffer.concat(chunks));
      if (!parsed) return reject(new Error(`No HTTP answer to ${request.method} ${request.path}: ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
      resolve(parsed);
    };
    // Written, not ended: a half-closed connection makes Node abort the request before it is answered.
    socket.on('connect', () => socket.write(Buffer.concat([head, ...extra, Buffer.from('\r\n'), body])));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const parsed = parse(Buffer.concat(chunks));
      if (parsed?.headers['content-type']?.startsWith('text/event-stream')) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish() : finish(error)));
  });
}

function parse(bytes: Buffer): RawResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  return { status, headers, body: (length === undefined ? rest : rest.subarray(0, length)).toString('utf8') };
}
