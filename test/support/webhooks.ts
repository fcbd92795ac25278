import { WebhookSettings } from '../../apps/api/src/watches/webhook-settings';
import { asEditor, asReporter, type TestApp } from './test-app';
import type { ReceivedWebhook } from './webhook-receiver';

export const STORY = 'russia-ukraine-standoff';

/** Delivery timings for tests that do not measure the production ones: quick retries, quick polls. */
export function quickWebhooks(test: TestApp, more: Partial<WebhookSettings> = {}): WebhookSettings {
  return Object.assign(test.app.get(WebhookSettings), { pollIntervalMs: 50, backoffMs: [300], jitter: 0, timeoutMs: 1000, leaseMs: 3000, ...more });
}

/** A watch of the story's headline with a webhook to `url`: its id and the secret shown once. */
export async function watchWithWebhook(test: TestApp, url: string, as = asReporter): Promise<{ id: string; secret: string }> {
  const body = (await test.http.post('/watches').set(as).send({ storyId: STORY, on: ['headline'], webhook: { url } }).expect(201)).body as { id: string; webhook: { secret: string } };
  return { id: body.id, secret: body.webhook.secret };
}

/** A headline revision: one alert for each watch of the story. */
export async function reviseHeadline(test: TestApp, n: number): Promise<void> {
  await test.http.patch(`/stories/${STORY}`).set(asEditor).send({ headline: `Troops mass, take ${n}` }).expect(200);
}

/** GET /watches/{id}/deliveries as the owner. */
export const deliveries = async (test: TestApp, watchId: string, as = asReporter) => (await test.http.get(`/watches/${watchId}/deliveries`).set(as).expect(200)).body.items as { alertId: string; attempt: number; at: string; status?: number; error?: string }[];
export const idOf = (request: ReceivedWebhook) => String(request.headers['webhook-id']);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until it gives a value. */
export async function until<T>(read: () => Promise<T | undefined> | T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${ms} ms: ${what}`);
    await sleep(25);
  }
}

