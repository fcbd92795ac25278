import fc from 'fast-check';
import { fieldPath } from '../../apps/api/src/validation/field-path';
import { ENDPOINTS, WRITES, type Endpoint } from './endpoints';
import { authorized, bodyWith, expectRefusedHarmlessly, FUZZ_RUNS, startFuzzApp, type FuzzApp } from './fuzz-harness';
import { ambiguousKey, deepJsonText, hostileNumberText, hostileText, invalidUtf8, prototypeKey, unreadableTime } from './hostile-arbitraries';

/**
 * Hostile bodies on every write route, one class of hostility at a time, over real HTTP: each answer is
 * below 500, a problem document when it is an error, and the event store is exactly as before.
 */
describe('fuzz: hostile bodies on every write', () => {
  let app: FuzzApp;
  beforeAll(async () => {
    app = await startFuzzApp();
  });
  afterAll(() => app.test.close());

  const write = fc.constantFrom(...WRITES);
  const stringSlotOf = (endpoint: Endpoint) => fc.constantFrom(...endpoint.strings!);
  const objectSlotOf = (endpoint: Endpoint) => fc.constantFrom(...endpoint.objects!);
  const post = (endpoint: Endpoint, body: string | Buffer) =>
    expectRefusedHarmlessly(app, { method: endpoint.method, path: endpoint.path(app.target), headers: authorized(endpoint), body });

  it('refuses nesting deeper than the parser allows, at any field or as a new one', async () => {
    const edit = write.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: stringSlotOf(endpoint), json: deepJsonText }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, json }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, json }));
        expect(JSON.parse(response.body).code).toBe('JsonTooDeep');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses inherited property names as keys, anywhere in the body, naming the field', async () => {
    const edit = write.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: objectSlotOf(endpoint), key: prototypeKey, json: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)) }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, key, json }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, key, json }));
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body).errors).toContainEqual({ field: [...slot, key].join('.'), messages: [`${key} is not allowed as a property name`] });
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses huge, inexact, infinite, negative and out-of-range numbers in counts and shares', async () => {
    const numeric = WRITES.filter((endpoint) => endpoint.numbers);
    const edit = fc.constantFrom(...numeric).chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: fc.constantFrom(...endpoint.numbers!), json: hostileNumberText }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, json }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, json }));
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body).errors.map((error: { field: string }) => error.field)).toContain(slot.join('.'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses control characters, lone surrogates and blank text in every text field', async () => {
    const edit = write.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: stringSlotOf(endpoint), text: hostileText }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, text }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, json: JSON.stringify(text) }));
        expect(response.status).toBe(400);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses times that ISO 8601 allows but no one can order or show (week and ordinal dates, the basic format)', async () => {
    const timed = WRITES.filter((endpoint) => endpoint.times);
    const edit = fc.constantFrom(...timed).chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: fc.constantFrom(...endpoint.times!), time: unreadableTime }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, time }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, json: JSON.stringify(time) }));
        expect(JSON.parse(response.body).errors.map((error: { field: string }) => error.field)).toContain(slot.join('.'));
      }),
      { numRuns: Math.round(FUZZ_RUNS / 2) },
    );
  });

  it('refuses bytes that are not UTF-8 inside any string of the body', async () => {
    const marker = 'utf8-marker';
    const edit = write.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: stringSlotOf(endpoint), bytes: invalidUtf8 }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, bytes }) => {
        const [before, after] = bodyWith(endpoint, app.target, { slot, json: `"${marker}"` }).split(marker);
        const response = await post(endpoint, Buffer.concat([Buffer.from(before!), bytes, Buffer.from(after!)]));
        expect(JSON.parse(response.body).code).toBe('MalformedJson');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses keys that look like paths or like a field with a twist, wherever they are added', async () => {
    const edit = write.chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), slot: objectSlotOf(endpoint), key: ambiguousKey }));
    await fc.assert(
      fc.asyncProperty(edit, async ({ endpoint, slot, key }) => {
        const response = await post(endpoint, bodyWith(endpoint, app.target, { slot, key, json: '"x"' }));
        expect(response.status).toBe(400);
        // Named so that a key holding a dot is not mistaken for a nested field.
        expect(JSON.parse(response.body).errors.map((error: { field: string }) => error.field)).toContain(fieldPath(slot.reduce<string | undefined>(fieldPath, undefined), key));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers hostile bodies on the read routes without harm (they take no body)', async () => {
    const reads = ENDPOINTS.filter((endpoint) => !endpoint.write && !endpoint.live);
    const body = fc.oneof(deepJsonText, prototypeKey.map((key) => `{"${key}":1}`), invalidUtf8.map((bytes) => Buffer.concat([Buffer.from('"'), bytes, Buffer.from('"')])));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), body, async (endpoint, payload) => {
        await expectRefusedHarmlessly(app, { method: endpoint.method, path: endpoint.path(app.target), headers: { ...authorized(endpoint), 'content-type': 'application/json' }, body: payload });
      }),
      { numRuns: Math.round(FUZZ_RUNS / 2) },
    );
  });
});
