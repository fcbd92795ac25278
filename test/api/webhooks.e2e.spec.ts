import { join } from 'node:path';
import { openSqliteEventStore, outboxOf } from '@story-tracker/event-store';
import { WebhookSettings } from '../../apps/api/src/watches/webhook-settings';
import { asEditor, asReporter, bearer, openStory, removeDir, startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { verifySignature, WebhookReceiver } from '../support/webhook-receiver';
import { deliveries, idOf, quickWebhooks, reviseHeadline, sleep, STORY, until, watchWithWebhook } from '../support/webhooks';

describe('webhooks (Standard Webhooks, from the outbox in the store)', () => {
  let receiver: WebhookReceiver;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}, dataDir?: string) => {
    const test = await startTestApp({ store: 'sqlite', ...(dataDir && { dataDir }), env: { WEBHOOK_ALLOWED_HOSTS: receiver.host, ...env } });
    apps.push(test);
    return test;
  };
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    const dirs = new Set(apps.map((test) => test.dataDir));
    for (const test of apps.splice(0)) await test.close();
    await receiver.stop();
    for (const dir of dirs) removeDir(dir);
  });

  it('posts the alert itself, signed with the secret shown once, and lists the attempt for the owner only', async () => {
    const test = await start();
    quickWebhooks(test);
    await openStory(test, STORY);
    const watch = await watchWithWebhook(test, receiver.url('/hook?token=partner-own-token'));
    await reviseHeadline(test, 1);
    const [request] = await receiver.waitFor('/hook', 1);
    const [alert] = (await test.http.get('/alerts').set(asReporter).expect(200)).body.items;

    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual(alert);
    expect(Object.keys(JSON.parse(request!.body))).toEqual(['id', 'watchId', 'storyId', 'revision', 'kind', 'description', 'at']);
    expect(request!.headers['webhook-id']).toBe(alert.id);
    expect(Math.abs(Number(request!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifySignature(watch.secret, request!)).toBe(true);
    // Another watch's secret, or a body changed on the way, does not verify.
    const other = await watchWithWebhook(test, receiver.url('/other'));
    expect(verifySignature(other.secret, request!)).toBe(false);
    expect(verifySignature(watch.secret, { ...request!, body: request!.body.replace('take 1', 'take 2') })).toBe(false);

    await until(async () => ((await deliveries(test, watch.id)).length === 1 ? true : undefined), 2000, 'the attempt listed');
    expect(await deliveries(test, watch.id)).toEqual([{ alertId: alert.id, attempt: 1, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), status: 200 }]);
    expect((await test.http.get(`/watches/${watch.id}/deliveries`).set(bearer(TOKENS.auditor)).expect(404)).body.code).toBe('WatchNotFound');
    expect((await test.http.get('/watches/01JZ6Q4A1B2C3D4E5F6G7H8J9K/deliveries').set(asReporter).expect(404)).body.code).toBe('WatchNotFound');
    await test.http.get(`/watches/${watch.id}/deliveries?limit=0`).set(asReporter).expect(400);
    await test.http.get(`/watches/${watch.id}/deliveries?since=1`).set(asReporter).expect(400);
    // Editors and auditors may watch too, their own watches: this one is not the editor's.
    await test.http.get(`/watches/${watch.id}/deliveries`).set(asEditor).expect(404);
  });

  it('tries a receiver that failed again with the same webhook-id, freshly signed, within 10 s (the production backoff)', async () => {
    const test = await start();
    await openStory(test, STORY);
    receiver.on('/flaky', (_, earlier) => (earlier.length === 0 ? 500 : 204));
    const watch = await watchWithWebhook(test, receiver.url('/flaky'));
    await reviseHeadline(test, 1);
    const [first, second] = await receiver.waitFor('/flaky', 2, 15_000);
    const gap = second!.at - first!.at;
    process.stdout.write(`Webhook retry after a 500: ${gap} ms after the first attempt\n`);
    expect(gap).toBeGreaterThanOrEqual(4500);
    expect(gap).toBeLessThan(10_000);
    expect(idOf(second!)).toBe(idOf(first!));
    expect(second!.body).toBe(first!.body);
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThan(Number(first!.headers['webhook-timestamp']));
    expect(second!.headers['webhook-signature']).not.toBe(first!.headers['webhook-signature']);
    expect(verifySignature(watch.secret, first!) && verifySignature(watch.secret, second!)).toBe(true);
    await until(async () => ((await deliveries(test, watch.id)).length === 2 ? true : undefined), 2000, 'both attempts listed');
    expect(await deliveries(test, watch.id)).toEqual([
      { alertId: idOf(first!), attempt: 2, at: expect.any(String), status: 204 },
      { alertId: idOf(first!), attempt: 1, at: expect.any(String), status: 500, error: 'Answered 500' },
    ]);
    await sleep(300);
    expect(receiver.at('/flaky')).toHaveLength(2);
  }, 30_000);

  it('gives up on a receiver that hangs after 5 s, and meanwhile delivers every other watch at once', async () => {
    const test = await start();
    // The production timeout; retries quicker than in production, so the test ends soon after.
    quickWebhooks(test, { timeoutMs: new WebhookSettings().timeoutMs, backoffMs: [200] });
    await openStory(test, STORY);
    receiver.on('/hang', (request) => (receiver.at('/hang').filter((earlier) => idOf(earlier) === idOf(request)).length === 1 ? 'hang' : 200));
    const hanging = await watchWithWebhook(test, receiver.url('/hang'));
    const quick = await watchWithWebhook(test, receiver.url('/quick'));
    for (let n = 1; n <= 6; n++) await reviseHeadline(test, n);
    await receiver.waitFor('/quick', 6, 3000);
    await receiver.waitFor('/hang', 4, 3000);
    const quickDone = Math.max(...receiver.at('/quick').map((request) => request.at)) - receiver.at('/hang')[0]!.at;
    // At most maxInFlightPerWatch (4) of the hanging watch's deliveries are out at once.
    expect(receiver.at('/hang')).toHaveLength(4);
    expect(receiver.at('/hang').every((request) => request.answered === undefined)).toBe(true);
    const timedOut = await until(
      async () => {
        const items = (await deliveries(test, hanging.id)).filter((item) => item.error !== undefined);
        return items.length >= 4 ? items : undefined;
      },
      8000,
      'the hanging attempts recorded',
    );
    const timeoutAfter = Date.now() - receiver.at('/hang')[0]!.at;
    process.stdout.write(`Hanging receiver: the other watch's 6 deliveries were all in ${quickDone} ms after the first hung request; the hung attempts were given up after about ${timeoutAfter} ms\n`);
    expect(quickDone).toBeLessThan(2000);
    expect(timeoutAfter).toBeGreaterThanOrEqual(4900);
    expect(timedOut[0]!.error).toBe(`No answer from ${receiver.host} within 5 s`);
    expect(timedOut[0]!.status).toBeUndefined();
    // Retried, and answered this time: every alert delivered to both.
    await until(() => (new Set(receiver.at('/hang').filter((request) => request.answered === 200).map(idOf)).size === 6 ? true : undefined), 10_000, 'the hanging watch delivered once it answers');
    expect(new Set(receiver.at('/quick').map(idOf)).size).toBe(6);
    expect(await deliveries(test, quick.id)).toHaveLength(6);
  }, 30_000);

  it('never follows a redirect (to an allowed host or not): a failed attempt, retried, then given up', async () => {
    const elsewhere = await WebhookReceiver.start();
    try {
      const test = await start();
      quickWebhooks(test, { backoffMs: [150], giveUpAfterMs: 800 });
      await openStory(test, STORY);
      receiver.on('/moved', (_, earlier) => ({ redirectTo: earlier.length % 2 === 0 ? elsewhere.url('/inside') : receiver.url('/landing') }));
      const watch = await watchWithWebhook(test, receiver.url('/moved'));
      await reviseHeadline(test, 1);
      const [alert] = (await test.http.get('/alerts').set(asReporter).expect(200)).body.items;
      await until(async () => ((await outboxOf(test.store)!.status(alert.id))?.state === 'failed' ? true : undefined), 5000, 'given up');
      const attempts = await deliveries(test, watch.id);
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.every((item) => item.status === 302 && item.error === 'A redirect (302), not followed: webhooks go only to the URL given')).toBe(true);
      expect(receiver.at('/moved')).toHaveLength(attempts.length);
      await sleep(400);
      expect(receiver.at('/moved')).toHaveLength(attempts.length);
      expect(receiver.at('/landing')).toEqual([]);
      expect(elsewhere.received).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('after a restart in the middle, delivers what was pending, each alert id exactly once', async () => {
    let down = true;
    receiver.on('/partner', () => (down ? 503 : 200));
    const first = await start();
    quickWebhooks(first, { backoffMs: [500] });
    await openStory(first, STORY);
    const watch = await watchWithWebhook(first, receiver.url('/partner'));
    for (let n = 1; n <= 3; n++) await reviseHeadline(first, n);
    await receiver.waitFor('/partner', 3);
    // One more, the stop right behind it: it may not even have been handed over yet.
    await reviseHeadline(first, 4);
    await first.close();
    const before = receiver.at('/partner').length;
    down = false;

    const second = await start({}, first.dataDir);
    quickWebhooks(second);
    const ids = await until(() => {
      const delivered = receiver.at('/partner').filter((request) => request.answered === 200).map(idOf);
      return new Set(delivered).size === 4 ? delivered : undefined;
    }, 8000, 'every alert delivered after the restart');
    await sleep(800);
    const delivered = receiver.at('/partner').filter((request) => request.answered === 200).map(idOf);
    expect(delivered).toHaveLength(4);
    expect(new Set(delivered)).toEqual(new Set(ids));
    const alerts = (await second.http.get('/alerts').set(asReporter).expect(200)).body.items.map((alert: { id: string }) => alert.id);
    expect(new Set(delivered)).toEqual(new Set(alerts));
    process.stdout.write(`Restart: ${before} failed attempts before the stop, ${receiver.at('/partner').length - before} after it, 4 alerts delivered once each\n`);
    // Every attempt listed, before and after the restart.
    expect(await deliveries(second, watch.id)).toHaveLength(receiver.at('/partner').length);
  }, 30_000);

  it('delivers nothing again when the alerts are raised anew (the read models rebuilt from the log)', async () => {
    const first = await start();
    quickWebhooks(first);
    await openStory(first, STORY);
    await watchWithWebhook(first, receiver.url('/partner'));
    for (let n = 1; n <= 2; n++) await reviseHeadline(first, n);
    await receiver.waitFor('/partner', 2);
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) removeDir(join(first.dataDir, `read-models.sqlite${suffix}`));

    const second = await start({}, first.dataDir);
    quickWebhooks(second);
    expect((await second.http.get('/alerts').set(asReporter).expect(200)).body.items).toHaveLength(2);
    await reviseHeadline(second, 3);
    await receiver.waitFor('/partner', 3);
    await sleep(300);
    expect(receiver.at('/partner').map(idOf)).toHaveLength(3);
    expect(new Set(receiver.at('/partner').map(idOf)).size).toBe(3);
  });

  it('hands the deliveries of an instance that died mid-attempt on once its lease runs out', async () => {
    let down = true;
    receiver.on('/partner', () => (down ? 503 : 200));
    const first = await start();
    quickWebhooks(first, { backoffMs: [200] });
    await openStory(first, STORY);
    const watch = await watchWithWebhook(first, receiver.url('/partner'));
    await reviseHeadline(first, 1);
    await receiver.waitFor('/partner', 1);
    await until(async () => ((await deliveries(first, watch.id)).length === 1 ? true : undefined), 2000, 'the first attempt recorded');
    await first.close();
    down = false;
    // Another process on the file claims the retry and dies before it sends or records anything.
    const crashed = openSqliteEventStore({ file: join(first.dataDir, 'events.sqlite') });
    // The lease runs from the `now` the claim was given (taken before it, however long it takes).
    let leaseEnds = 0;
    const [claimed] = await until(async () => {
      const now = Date.now();
      const rows = await crashed.webhookOutbox.claim({ now, limit: 10, leaseMs: 1500, perWatch: 10 });
      leaseEnds = now + 1500;
      return rows.length > 0 ? rows : undefined;
    }, 2000, 'the retry due');
    await crashed.close();

    const second = await start({}, first.dataDir);
    quickWebhooks(second);
    const [, retry] = await receiver.waitFor('/partner', 2, 5000);
    expect(retry!.at).toBeGreaterThanOrEqual(leaseEnds - 50);
    expect(idOf(retry!)).toBe(claimed!.alertId);
    await sleep(300);
    expect(receiver.at('/partner')).toHaveLength(2);
    // Attempt 2 was the dead instance's: claimed, never recorded (it may or may not have reached the receiver).
    expect((await deliveries(second, watch.id)).map((item) => [item.attempt, item.status])).toEqual([
      [3, 200],
      [1, 503],
    ]);
  });

  it('checks the host again at each attempt: one no longer allowed gets nothing, and the attempt says why', async () => {
    receiver.on('/partner', () => 503);
    const first = await start();
    quickWebhooks(first, { backoffMs: [400] });
    await openStory(first, STORY);
    const watch = await watchWithWebhook(first, receiver.url('/partner'));
    await reviseHeadline(first, 1);
    await receiver.waitFor('/partner', 1);
    await first.close();

    const second = await start({ WEBHOOK_ALLOWED_HOSTS: 'hooks.example.org' }, first.dataDir);
    quickWebhooks(second, { backoffMs: [400] });
    const items = await until(async () => {
      const listed = await deliveries(second, watch.id);
      return listed.length >= 2 ? listed : undefined;
    }, 5000, 'an attempt after the restart');
    expect(items[0]).toEqual({ alertId: items[1]!.alertId, attempt: 2, at: expect.any(String), error: 'The host is not in WEBHOOK_ALLOWED_HOSTS any more: nothing was sent' });
    expect(receiver.at('/partner')).toHaveLength(1);
  });

  it('does not contact an allowed host name that resolves to an internal address (a DNS answer changed after it was allowed)', async () => {
    const test = await start({ WEBHOOK_ALLOWED_HOSTS: `${receiver.host},localhost:${receiver.port}` });
    quickWebhooks(test, { backoffMs: [5000] });
    await openStory(test, STORY);
    const watch = await watchWithWebhook(test, `http://localhost:${receiver.port}/inside`);
    await reviseHeadline(test, 1);
    const [attempt] = await until(async () => {
      const listed = await deliveries(test, watch.id);
      return listed.length > 0 ? listed : undefined;
    }, 3000, 'the attempt listed');
    expect(attempt!.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), an address of a private network: not contacted$/);
    expect(attempt!.status).toBeUndefined();
    expect(receiver.received).toEqual([]);
  });

  it('cancels the pending deliveries of a deleted watch; its past attempts stay listed for its owner', async () => {
    receiver.on('/partner', () => 503);
    const test = await start();
    quickWebhooks(test, { backoffMs: [300] });
    await openStory(test, STORY);
    const watch = await watchWithWebhook(test, receiver.url('/partner'));
    const kept = await watchWithWebhook(test, receiver.url('/kept'));
    await reviseHeadline(test, 1);
    await receiver.waitFor('/partner', 1);
    await test.http.delete(`/watches/${watch.id}`).set(asReporter).expect(204);
    const [alert] = (await test.http.get('/alerts').set(asReporter).expect(200)).body.items.filter((item: { watchId: string }) => item.watchId === watch.id);
    expect(await outboxOf(test.store)!.status(alert.id)).toMatchObject({ state: 'cancelled' });
    await reviseHeadline(test, 2);
    await receiver.waitFor('/kept', 2);
    await sleep(700);
    expect(receiver.at('/partner')).toHaveLength(1);
    expect(await deliveries(test, watch.id)).toEqual([{ alertId: alert.id, attempt: 1, at: expect.any(String), status: 503, error: 'Answered 503' }]);
    await test.http.get(`/watches/${watch.id}/deliveries`).set(bearer(TOKENS.auditor)).expect(404);
    expect(await deliveries(test, kept.id)).toHaveLength(2);
  });

  it('delivers each alert once from two instances on one DATA_DIR, each retry by whichever claims it', async () => {
    receiver.on('/partner', (request) => (receiver.at('/partner').filter((earlier) => idOf(earlier) === idOf(request)).length === 1 ? 500 : 200));
    const a = await start();
    const b = await start({}, a.dataDir);
    for (const test of [a, b]) quickWebhooks(test, { backoffMs: [100] });
    await openStory(a, STORY);
    await watchWithWebhook(a, receiver.url('/partner'));
    for (let n = 1; n <= 10; n++) await reviseHeadline(n % 2 === 0 ? a : b, n);
    await until(() => (receiver.at('/partner').filter((request) => request.answered === 200).length >= 10 ? true : undefined), 8000, 'ten alerts delivered');
    await sleep(500);
    const perId = new Map<string, number[]>();
    for (const request of receiver.at('/partner')) perId.set(idOf(request), [...(perId.get(idOf(request)) ?? []), request.answered ?? 0]);
    expect(perId.size).toBe(10);
    expect([...perId.values()].every((answers) => answers.join() === '500,200')).toBe(true);
  });
});
