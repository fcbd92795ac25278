import fc from 'fast-check';
import { parseWholeNumber } from '../../apps/api/src/validation/whole-number';
import { ENDPOINTS, WRITES, type Endpoint } from './endpoints';
import { authorized, expectRefusedHarmlessly, FUZZ_RUNS, startFuzzApp, type FuzzApp } from './fuzz-harness';
import {
  anyHeader,
  brokenPercentEncoding,
  controlHeaderValue,
  credentialParameter,
  hostileDevelopmentId,
  hostileEditSummary,
  hostileIdempotencyKey,
  hostileIfMatch,
  hostileStoryId,
  hostileText,
  nonDecimalNumber,
  otherMethod,
  percentEncode,
  prototypeKey,
  unreadableTime,
} from './hostile-arbitraries';

/**
 * Hostile queries, headers, path ids and methods on every route (reads and writes, the live streams
 * too), over real HTTP: each answer is below 500, a problem document when it is an error, and nothing is
 * appended. Writes carry their valid body, so only the hostile part can be what refuses them.
 */
describe('fuzz: hostile queries, headers, paths and methods on every route', () => {
  let app: FuzzApp;
  beforeAll(async () => {
    app = await startFuzzApp();
  });
  afterAll(() => app.test.close());

  const send = (endpoint: Endpoint, options: { path?: string; query?: string; headers?: Record<string, string>; rawHeaderLines?: Buffer[]; method?: string } = {}) =>
    expectRefusedHarmlessly(app, {
      method: options.method ?? endpoint.method,
      path: `${options.path ?? endpoint.path(app.target)}${options.query === undefined ? '' : `?${options.query}`}`,
      headers: authorized(endpoint, options.headers),
      ...(options.rawHeaderLines && { rawHeaderLines: options.rawHeaderLines }),
      ...(endpoint.body && { body: JSON.stringify(endpoint.body(app.target)) }),
    });
  const withNumbers = ENDPOINTS.filter((endpoint) => endpoint.numberParams);

  it('refuses numbers in queries that are not plain decimal digits (0x10, 1e1, +3, 03…) with a 400 naming the parameter', async () => {
    const request = fc.constantFrom(...withNumbers).chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), name: fc.constantFrom(...endpoint.numberParams!), value: nonDecimalNumber }));
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, name, value }) => {
        const response = await send(endpoint, { query: `${name}=${percentEncode(value)}` });
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body).errors.map((error: { field: string }) => error.field)).toContain(name);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses credentials and broken percent-encoding in the query of every route', async () => {
    const query = fc.oneof(
      credentialParameter.map((name) => `${name}=${'t'.repeat(24)}`),
      brokenPercentEncoding.map((broken) => `q=${broken}`),
      brokenPercentEncoding.map((broken) => `${broken}=1`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), query, async (endpoint, text) => {
        expect((await send(endpoint, { query: text })).status).toBe(400);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses inherited property names as query parameters on every route that reads its query, and control characters in text parameters', async () => {
    const readsQuery = ENDPOINTS.filter((endpoint) => endpoint.write || endpoint.numberParams || endpoint.textParams);
    const query = fc.tuple(prototypeKey, fc.constantFrom('1', 'x', '')).map(([key, value]) => `${key}=${value}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readsQuery), query, async (endpoint, text) => {
        expect((await send(endpoint, { query: text })).status).toBe(400);
      }),
      { numRuns: FUZZ_RUNS },
    );
    const textual = ENDPOINTS.filter((endpoint) => endpoint.textParams);
    const request = fc.constantFrom(...textual).chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), name: fc.constantFrom(...endpoint.textParams!), value: hostileText }));
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, name, value }) => {
        expect((await send(endpoint, { query: `${name}=${percentEncode(value)}` })).status).toBe(400);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers routes that read no query harmlessly whatever it holds', async () => {
    const ignoring = ENDPOINTS.filter((endpoint) => !endpoint.write && !endpoint.numberParams && !endpoint.textParams);
    const query = fc.oneof(prototypeKey.map((key) => `${key}=1`), fc.constantFrom('a.b=1', 'limit[]=1', 'x=1&x=2'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ignoring), query, async (endpoint, text) => {
        await send(endpoint, { query: text });
      }),
      { numRuns: Math.round(FUZZ_RUNS / 3) },
    );
  });

  it('refuses ?asOf= times that Date cannot read (was a 500)', async () => {
    const read = ENDPOINTS.find((endpoint) => endpoint.name === 'read a story')!;
    await fc.assert(
      fc.asyncProperty(unreadableTime, async (time) => {
        expect((await send(read, { query: `asOf=${percentEncode(time)}` })).status).toBe(400);
      }),
      { numRuns: Math.round(FUZZ_RUNS / 3) },
    );
  });

  it('refuses every query parameter on a write, which reads none', async () => {
    const query = fc.oneof(nonDecimalNumber.map((value) => `revision=${percentEncode(value)}`), fc.constantFrom('dryRun=true', 'limit=1', 'a.b=1', 'tags[]=x'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), query, async (endpoint, text) => {
        expect((await send(endpoint, { query: text })).status).toBe(400);
      }),
      { numRuns: Math.round(FUZZ_RUNS / 2) },
    );
  });

  it('refuses hostile If-Match, Idempotency-Key and X-Edit-Summary on every write', async () => {
    const header = fc.oneof(
      hostileIfMatch.map((value) => ({ 'if-match': value })),
      hostileIdempotencyKey.map((value) => ({ 'idempotency-key': value })),
      hostileEditSummary.map((value) => ({ 'x-edit-summary': value })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), header, async (endpoint, headers) => {
        const response = await send(endpoint, { headers });
        expect(response.status).toBe(400);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses a hostile Last-Event-ID on the live streams, and header bytes Node will not read on any route', async () => {
    const live = ENDPOINTS.filter((endpoint) => endpoint.live);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...live), nonDecimalNumber.filter((value) => value.trim() !== '' && !value.includes('\u0000') && parseWholeNumber(value.trim()) === undefined), async (endpoint, value) => {
        expect((await send(endpoint, { headers: { 'last-event-id': value } })).status).toBe(400);
      }),
      { numRuns: Math.round(FUZZ_RUNS / 2) },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), controlHeaderValue, async (endpoint, line) => {
        expect((await send(endpoint, { rawHeaderLines: [line] })).status).toBe(400);
      }),
      { numRuns: Math.round(FUZZ_RUNS / 2) },
    );
  });

  it('answers any value of the headers every route may read (Range, If-None-Match, Accept…) harmlessly, on every read', async () => {
    const reads = ENDPOINTS.filter((endpoint) => !endpoint.write);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), fc.array(anyHeader, { minLength: 1, maxLength: 3 }), async (endpoint, headers) => {
        const lines = headers.map(({ name, value }) => Buffer.from(`${name}: ${value}`, 'latin1'));
        await send(endpoint, { rawHeaderLines: lines });
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers 404 or 400 for path ids no story or development has, on every route that has them', async () => {
    const withIds = ENDPOINTS.filter((endpoint) => endpoint.pathIds);
    const request = fc.constantFrom(...withIds).chain((endpoint) =>
      fc.record({
        endpoint: fc.constant(endpoint),
        ids: endpoint.pathIds!.includes('development') ? fc.oneof(hostileStoryId.map((story) => ({ story })), hostileDevelopmentId.map((development) => ({ development }))) : hostileStoryId.map((story) => ({ story })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, ids }) => {
        const response = await send(endpoint, { path: endpoint.path(app.target, ids) });
        expect([400, 404]).toContain(response.status);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers 405 with Allow for a method the path does not serve, whether Node, Fastify or nobody knows the method', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), otherMethod, async (endpoint, method) => {
        // A method the path does serve is no "other" method (DELETE /watches/{id}).
        if (method === endpoint.method) return;
        const response = await send(endpoint, { method });
        expect(response.status).toBe(405);
        expect(response.headers['allow']?.split(', ')).toContain(endpoint.method);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
