import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres } from '@story-tracker/event-store/testing';
import { asReporter, openStory, removeDir, startTestApp, type TestApp } from '../support/test-app';
import { verifySignature, WebhookReceiver } from '../support/webhook-receiver';
import { deliveries, idOf, quickWebhooks, reviseHeadline, sleep, until, watchWithWebhook } from '../support/webhooks';

// Two instances on one PostgreSQL database, each with a DATA_DIR of its own (so each raises the alerts
// in its own alert book), sharing the installation key as machines of one newsroom do.
describeWithPostgres('webhooks from two instances on one PostgreSQL store', (cluster) => {
  let receiver: WebhookReceiver;
  let shared: string;
  const apps: TestApp[] = [];
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    shared = mkdtempSync(join(tmpdir(), 'story-tracker-pg-webhooks-'));
  });
  afterEach(async () => {
    for (const test of apps.splice(0)) {
      await test.close();
      removeDir(test.dataDir);
    }
    await receiver.stop();
    rmSync(shared, { recursive: true, force: true });
  });

  it('delivers each alert once between them, whichever raised it first, retries included', async () => {
    const url = await cluster().createDatabase();
    const keyFile = join(shared, 'log-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const env = { EVENT_STORE: 'postgres', POSTGRES_URL: url, LOG_SIGNING_KEY_FILE: keyFile, LOG_ORIGIN: 'news.example.org/story-tracker', WEBHOOK_ALLOWED_HOSTS: receiver.host };
    const [a, b] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
    apps.push(a, b);
    for (const test of [a, b]) quickWebhooks(test, { backoffMs: [100] });
    receiver.on('/partner', (request) => (receiver.at('/partner').filter((earlier) => idOf(earlier) === idOf(request)).length === 1 ? 500 : 200));

    await openStory(a, 'russia-ukraine-standoff');
    const watch = await watchWithWebhook(a, receiver.url('/partner'));
    for (let n = 1; n <= 10; n++) await reviseHeadline(n % 2 === 0 ? a : b, n);
    await until(() => (receiver.at('/partner').filter((request) => request.answered === 200).length >= 10 ? true : undefined), 10_000, 'ten alerts delivered');
    await sleep(600);

    const perId = new Map<string, number[]>();
    for (const request of receiver.at('/partner')) perId.set(idOf(request), [...(perId.get(idOf(request)) ?? []), request.answered ?? 0]);
    expect(perId.size).toBe(10);
    expect([...perId.values()].every((answers) => answers.join() === '500,200')).toBe(true);
    expect(receiver.at('/partner').every((request) => verifySignature(watch.secret, request))).toBe(true);
    // Both instances list the same attempts from the one outbox.
    const listed = await deliveries(b, watch.id);
    expect(listed).toHaveLength(20);
    expect(await deliveries(a, watch.id)).toEqual(listed);
    await b.http.get(`/watches/${watch.id}/deliveries`).set(asReporter).expect(200);
  }, 60_000);
});
