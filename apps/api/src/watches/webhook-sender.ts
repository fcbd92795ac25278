import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isInternalAddress } from './internal-addresses';

/** What one attempt came to: an answer (with its status), or an error and no answer. */
export interface SendResult {
  readonly delivered: boolean;
  readonly status?: number;
  readonly error?: string;
}

const USER_AGENT = 'story-tracker-webhooks/1';

/**
 * One POST of a webhook, with Node's own HTTP client rather than fetch, for two things fetch cannot do
 * without another dependency: it follows no redirect at all (a 3xx is a failed attempt, wherever it
 * points), and it lets every connection's DNS answer be checked before it is used. A host name (never
 * an IP literal, which the operator listed as such) that resolves to an address of a private,
 * loopback or link-local network is not contacted: so a receiver's DNS, changed after it was allowed,
 * cannot point a webhook into the newsroom's own network. The attempt is abandoned once `timeoutMs`
 * pass without the answer's status; only a 2xx delivers; the answer's body is not read. No proxy is
 * used. Errors say what failed, naming the host only (a receiver's URL may carry a token of its own).
 */
export function sendWebhook(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
  return new Promise((resolve) => {
    const payload = Buffer.from(body, 'utf8');
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length), 'user-agent': USER_AGENT, ...headers },
      lookup: outsideLookup,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.once('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      // Not read: the connection goes at once, whatever the receiver still sends.
      response.destroy();
      if (status >= 200 && status < 300) resolve({ delivered: true, status });
      else if (status >= 300 && status < 400) resolve({ delivered: false, status, error: `A redirect (${status}), not followed: webhooks go only to the URL given` });
      else resolve({ delivered: false, status, error: `Answered ${status}` });
    });
    request.once('error', (error) => resolve({ delivered: false, error: describeFailure(error, url, timeoutMs) }));
    request.end(payload);
  });
}

/** `dns.lookup`, refusing an answer that holds an internal address (the connection is then never made). */
function outsideLookup(hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${internal.address}, an address of a private network: not contacted`);
      refused.code = 'EINTERNALADDRESS';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

function describeFailure(error: Error & { code?: string }, url: URL, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `No answer from ${url.host} within ${timeoutMs / 1000} s`;
  if (error.code === 'EINTERNALADDRESS') return error.message;
  if (error.code) return `${url.host} could not be reached (${error.code})`;
  return `${url.host} could not be reached: ${error.message.replaceAll(url.href, url.host)}`;
}
