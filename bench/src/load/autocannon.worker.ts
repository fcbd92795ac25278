import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { percentile, type LoadRequest, type LoadResult } from './load-result';

/**
 * Runs one autocannon load in a worker thread, so that the load generator does not share the
 * event loop of the server it measures (which runs on the main thread of the same process).
 * autocannon's own latency histogram counts whole milliseconds; the latencies are taken from its
 * `response` events instead, which carry fractions. Throughput is counted up to the last answer:
 * autocannon only notices that the last request was answered on its next one-second sampling
 * tick, so its own duration (and anything timed to its callback) is rounded up to whole seconds.
 */
const request = workerData as LoadRequest;
const latencies: number[] = [];
const started = process.hrtime.bigint();
let lastAnswer = started;
let clients = 0;
const paths = request.pathPerConnection;

const instance = autocannon(
  {
    url: request.url,
    method: request.method,
    headers: { ...request.headers },
    ...(request.body !== undefined && { body: request.body }),
    connections: request.connections,
    amount: request.amount,
    timeout: 30,
    // setRequests, not setRequest: autocannon's setRequest replaces only the request in hand, and the
    // next one is built from `url` again (until 4 December every connection but its first request
    // went to the first story).
    ...(paths && {
      setupClient: (client) =>
        client.setRequests([{
          method: request.method,
          path: paths[clients++ % paths.length]!,
          headers: { ...request.headers },
          ...(request.body !== undefined && { body: request.body }),
        }]),
    }),
  },
  (error, result) => {
    if (error) throw error;
    const seconds = Number(lastAnswer - started) / 1e9;
    const sorted = latencies.sort((a, b) => a - b);
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
    const answer: LoadResult = {
      ok: sorted.length,
      failed: result.non2xx + result.errors + result.timeouts,
      statusCodes,
      seconds,
      requestsPerSecond: sorted.length / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      ...(request.keepLatencies && { latencies: sorted }),
    };
    parentPort!.postMessage(answer);
  },
);

instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
  lastAnswer = process.hrtime.bigint();
  if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
});
