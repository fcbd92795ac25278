import { asEditor, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';
import { rawRequest, type RawRequest, type RawResponse } from '../support/raw-http';
import type { Endpoint, Slot, Target } from './endpoints';

/** Runs per property: enough to meet every class on every route, small enough for `npm test` on two cores. */
export const FUZZ_RUNS = 100;

export interface FuzzApp {
  readonly test: TestApp;
  readonly port: number;
  readonly target: Target;
}

/**
 * The real app on a real port, with one story that has a troop estimate and a meeting to aim at, and
 * one published and corrected since, for the readers' routes.
 */
export async function startFuzzApp(): Promise<FuzzApp> {
  const test = await startTestApp();
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(await test.app.getUrl()).port);
  const story = await openStory(test, 'fuzz-target');
  const estimate = await recordDevelopment(test, story, troops(30000));
  const meeting = await recordDevelopment(test, story, { type: 'meeting-scheduled', participants: ['Olaf Scholz', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-15' });
  const published = await openStory(test, 'fuzz-published');
  const figure = await recordDevelopment(test, published, troops(40000));
  await test.http.post(`/stories/${published}/publish`).set(asEditor).send({}).expect(201);
  await test.http.post(`/stories/${published}/developments/${figure}/corrections`).set(asEditor).send({ changes: { count: 45000 }, reason: 'A later count' }).expect(201);
  return { test, port, target: { story, estimate, meeting, published } };
}

/**
 * Sends one hostile request and checks what every hostile request must get: an answer below 500, an
 * error as a problem document (`application/problem+json`, a `code`, the same `status`), and nothing
 * appended to the event store.
 */
export async function expectRefusedHarmlessly(app: FuzzApp, request: RawRequest): Promise<RawResponse> {
  const before = await app.test.store.headPosition();
  const response = await rawRequest(app.port, request);
  const after = await app.test.store.headPosition();
  const context = `${request.method} ${request.path.slice(0, 200)} → ${response.status} ${response.body.slice(0, 300)}`;
  if (response.status >= 500) throw new Error(`5xx: ${context}`);
  if (after !== before) throw new Error(`appended ${after - before} event(s): ${context}`);
  if (response.status >= 400) {
    if (!response.headers['content-type']?.startsWith('application/problem+json')) throw new Error(`not a problem document: ${context} (${response.headers['content-type']})`);
    const problem = JSON.parse(response.body) as { code?: unknown; status?: unknown };
    if (typeof problem.code !== 'string' || problem.status !== response.status) throw new Error(`problem without code or status: ${context}`);
  }
  return response;
}

/** The route's valid body as JSON text, with `replace` put at one slot (or a new key) as raw JSON text. */
export function bodyWith(endpoint: Endpoint, target: Target, edit: { slot: Slot; key?: string; json: string }): string {
  const marker = '\u0001fuzz-marker\u0001';
  const body = structuredClone(endpoint.body!(target));
  const parent = edit.slot.slice(0, edit.key === undefined ? -1 : undefined).reduce<Record<string, unknown>>((node, step) => node[step] as Record<string, unknown>, body);
  const field = edit.key ?? edit.slot.at(-1)!;
  // defineProperty, so that `__proto__` becomes a key and not the prototype.
  Object.defineProperty(parent, field, { value: marker, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(body).replace(JSON.stringify(marker), () => edit.json);
}

export function authorized(endpoint: Endpoint, headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${endpoint.token}`, ...(endpoint.body && { 'content-type': 'application/json' }), ...headers };
}
