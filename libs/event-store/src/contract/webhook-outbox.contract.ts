/// <reference types="jest" />
import type { ClaimOptions, NewWebhookDelivery, WebhookOutbox } from '../outbox/webhook-outbox.port';

/** What an adapter's spec file hands to the outbox contract for each test. */
export interface WebhookOutboxUnderTest {
  readonly outbox: WebhookOutbox;
  /** Shared adapters: another instance on the same storage, open beside the first. */
  readonly another?: () => Promise<WebhookOutbox>;
  /** Durable adapters: the same storage, opened again after `close`. */
  readonly reopen?: () => Promise<WebhookOutbox>;
  /** Closes the first instance (before `reopen`). */
  readonly close?: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

export type WebhookOutboxContractFactory = () => Promise<WebhookOutboxUnderTest>;

const T0 = Date.UTC(2026, 0, 1);
const WATCH = '01JZ6Q4A1B2C3D4E5F6G7H8J9K';
const OTHER_WATCH = '01JZ6Q4A1B2C3D4E5F6G7H8J9M';

const delivery = (position: number, more: Partial<NewWebhookDelivery> = {}): NewWebhookDelivery => ({
  alertId: `${position}-${more.watchId ?? WATCH}`,
  watchId: WATCH,
  url: 'https://hooks.example.org/story-tracker',
  at: T0 + position,
  ...more,
});

const claimAt = (now: number, more: Partial<ClaimOptions> = {}): ClaimOptions => ({ now, limit: 10, leaseMs: 30_000, perWatch: 10, ...more });

/**
 * The behaviour every WebhookOutbox adapter must show: one row per alert however often and by however
 * many instances it is handed over, one lease at a time, attempts kept with what follows them.
 */
export function describeWebhookOutboxContract(name: string, factory: WebhookOutboxContractFactory): void {
  describe(`${name} (WebhookOutbox contract)`, () => {
    let subject: WebhookOutboxUnderTest;
    let outbox: WebhookOutbox;
    beforeEach(async () => {
      subject = await factory();
      outbox = subject.outbox;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('keeps one row per alert id, however often it is handed over', async () => {
      await outbox.enqueue([delivery(1), delivery(2)]);
      await outbox.enqueue([delivery(1, { url: 'https://elsewhere.example.org/' }), delivery(2)]);
      if (subject.another) await (await subject.another()).enqueue([delivery(1), delivery(2)]);
      const claimed = await outbox.claim(claimAt(T0 + 10));
      expect(claimed.map((row) => [row.alertId, row.url, row.attempt])).toEqual([
        [`1-${WATCH}`, 'https://hooks.example.org/story-tracker', 1],
        [`2-${WATCH}`, 'https://hooks.example.org/story-tracker', 1],
      ]);
      expect(claimed[0]).toMatchObject({ watchId: WATCH, firstAttemptAt: T0 + 10, enqueuedAt: T0 + 1, leaseToken: expect.any(String) });
    });

    it('hands out only rows that are due, oldest first, up to the limit, and each to one claimer until its lease runs out', async () => {
      await outbox.enqueue([delivery(3), delivery(1), delivery(2), delivery(50)]);
      expect(await outbox.claim(claimAt(T0))).toEqual([]);
      const first = await outbox.claim(claimAt(T0 + 10, { limit: 2, leaseMs: 1000 }));
      expect(first.map((row) => row.alertId)).toEqual([`1-${WATCH}`, `2-${WATCH}`]);
      expect((await outbox.claim(claimAt(T0 + 20))).map((row) => row.alertId)).toEqual([`3-${WATCH}`]);
      expect(await outbox.claim(claimAt(T0 + 30))).toEqual([]);
      expect(await outbox.status(`1-${WATCH}`)).toMatchObject({ state: 'pending', attempts: 1, leasedUntil: T0 + 1010 });
      // The lease runs out: due again for anyone, as the next attempt, the first one's time kept.
      const again = await outbox.claim(claimAt(T0 + 1010, { limit: 2 }));
      expect(again.map((row) => [row.alertId, row.attempt, row.firstAttemptAt])).toEqual([
        [`1-${WATCH}`, 2, T0 + 10],
        [`2-${WATCH}`, 2, T0 + 10],
      ]);
      expect(again[0]!.leaseToken).not.toBe(first[0]!.leaseToken);
      // The old lease proves nothing any more.
      expect(await outbox.record(first[0]!, { at: T0 + 1020, status: 200 }, { next: 'delivered' })).toBe(false);
      expect(await outbox.status(`1-${WATCH}`)).toMatchObject({ state: 'pending' });
      expect(await outbox.record(again[0]!, { at: T0 + 1030, status: 200 }, { next: 'delivered' })).toBe(true);
      expect(await outbox.status(`1-${WATCH}`)).toMatchObject({ state: 'delivered', attempts: 2 });
      expect((await outbox.attempts(WATCH, 10)).map((attempt) => [attempt.alertId, attempt.attempt])).toEqual([
        [`1-${WATCH}`, 2],
        [`1-${WATCH}`, 1],
      ]);
    });

    it('leases at most perWatch rows of a watch at once, counting the leases already out', async () => {
      await outbox.enqueue([1, 2, 3, 4, 5].map((position) => delivery(position)));
      await outbox.enqueue([delivery(6, { watchId: OTHER_WATCH })]);
      const first = await outbox.claim(claimAt(T0 + 10, { perWatch: 2 }));
      expect(first.map((row) => row.alertId)).toEqual([`1-${WATCH}`, `2-${WATCH}`, `6-${OTHER_WATCH}`]);
      expect(await outbox.claim(claimAt(T0 + 20, { perWatch: 2 }))).toEqual([]);
      await outbox.record(first[0]!, { at: T0 + 30, status: 204 }, { next: 'delivered' });
      expect((await outbox.claim(claimAt(T0 + 40, { perWatch: 2 }))).map((row) => row.alertId)).toEqual([`3-${WATCH}`]);
    });

    it('keeps each attempt with its answer or error, and makes the row due again when told', async () => {
      await outbox.enqueue([delivery(1)]);
      const [first] = await outbox.claim(claimAt(T0 + 10));
      expect(await outbox.record(first!, { at: T0 + 11, status: 500 }, { next: 'retry', at: T0 + 5000 })).toBe(true);
      expect(await outbox.status(first!.alertId)).toEqual({ alertId: first!.alertId, watchId: WATCH, state: 'pending', attempts: 1, nextAttemptAt: T0 + 5000 });
      expect(await outbox.claim(claimAt(T0 + 4999))).toEqual([]);
      const [second] = await outbox.claim(claimAt(T0 + 5000));
      expect(second).toMatchObject({ attempt: 2, firstAttemptAt: T0 + 10 });
      const long = 'x'.repeat(2000);
      await outbox.record(second!, { at: T0 + 5001, error: long }, { next: 'retry', at: T0 + 9000 });
      const [third] = await outbox.claim(claimAt(T0 + 9000));
      await outbox.record(third!, { at: T0 + 9001, status: 301, error: 'A redirect, not followed' }, { next: 'failed' });
      expect(await outbox.status(first!.alertId)).toMatchObject({ state: 'failed', attempts: 3 });
      expect(await outbox.claim(claimAt(T0 + 100_000))).toEqual([]);
      const attempts = await outbox.attempts(WATCH, 10);
      expect(attempts).toEqual([
        { alertId: first!.alertId, attempt: 3, at: T0 + 9001, status: 301, error: 'A redirect, not followed' },
        { alertId: first!.alertId, attempt: 2, at: T0 + 5001, error: expect.stringMatching(/^x+$/) },
        { alertId: first!.alertId, attempt: 1, at: T0 + 11, status: 500 },
      ]);
      expect(attempts[1]!.error!.length).toBeLessThanOrEqual(500);
      expect(await outbox.attempts(WATCH, 1)).toHaveLength(1);
      expect(await outbox.attempts(OTHER_WATCH, 10)).toEqual([]);
    });

    it('takes a lease back without counting an attempt (nothing was sent)', async () => {
      await outbox.enqueue([delivery(1)]);
      const [claimed] = await outbox.claim(claimAt(T0 + 10));
      await outbox.release(claimed!, T0 + 500);
      expect(await outbox.status(claimed!.alertId)).toEqual({ alertId: claimed!.alertId, watchId: WATCH, state: 'pending', attempts: 0, nextAttemptAt: T0 + 500 });
      expect(await outbox.claim(claimAt(T0 + 499))).toEqual([]);
      const [again] = await outbox.claim(claimAt(T0 + 500));
      expect(again).toMatchObject({ attempt: 1, firstAttemptAt: T0 + 500 });
      expect(await outbox.attempts(WATCH, 10)).toEqual([]);
    });

    it("cancels a watch's pending rows only; an attempt under way is kept but changes nothing", async () => {
      await outbox.enqueue([delivery(1), delivery(2), delivery(3), delivery(4, { watchId: OTHER_WATCH })]);
      const [delivered, inFlight] = await outbox.claim(claimAt(T0 + 10, { limit: 2 }));
      await outbox.record(delivered!, { at: T0 + 11, status: 200 }, { next: 'delivered' });
      expect(await outbox.cancel(WATCH, T0 + 20)).toBe(2);
      expect(await outbox.record(inFlight!, { at: T0 + 21, status: 200 }, { next: 'delivered' })).toBe(false);
      expect(await outbox.status(delivered!.alertId)).toMatchObject({ state: 'delivered' });
      expect(await outbox.status(inFlight!.alertId)).toMatchObject({ state: 'cancelled' });
      expect(await outbox.status(`3-${WATCH}`)).toMatchObject({ state: 'cancelled' });
      expect((await outbox.claim(claimAt(T0 + 30))).map((row) => row.alertId)).toEqual([`4-${OTHER_WATCH}`]);
      expect((await outbox.attempts(WATCH, 10)).map((attempt) => attempt.alertId)).toEqual([inFlight!.alertId, delivered!.alertId]);
      expect(await outbox.cancel(WATCH, T0 + 40)).toBe(0);
      // Handed over again later (another instance catching up): still cancelled.
      await outbox.enqueue([delivery(3)]);
      expect(await outbox.status(`3-${WATCH}`)).toMatchObject({ state: 'cancelled' });
    });

    it('prunes rows finished before a time, with their attempts, and never a pending one', async () => {
      await outbox.enqueue([delivery(1), delivery(2), delivery(3)]);
      const [one, two] = await outbox.claim(claimAt(T0 + 10, { limit: 2 }));
      await outbox.record(one!, { at: T0 + 100, status: 200 }, { next: 'delivered' });
      await outbox.record(two!, { at: T0 + 300, status: 200 }, { next: 'delivered' });
      expect(await outbox.prune(T0 + 200)).toBe(1);
      expect(await outbox.status(one!.alertId)).toBeUndefined();
      expect(await outbox.status(two!.alertId)).toMatchObject({ state: 'delivered' });
      expect(await outbox.status(`3-${WATCH}`)).toMatchObject({ state: 'pending' });
      expect((await outbox.attempts(WATCH, 10)).map((attempt) => attempt.alertId)).toEqual([two!.alertId]);
      expect(await outbox.prune(T0 + 1_000_000)).toBe(1);
    });

    it('refuses what is not a delivery or a claim', async () => {
      await expect(outbox.enqueue([{ ...delivery(1), alertId: '' }])).rejects.toThrow(RangeError);
      await expect(outbox.enqueue([{ ...delivery(1), at: Number.NaN }])).rejects.toThrow(RangeError);
      await expect(outbox.claim(claimAt(T0, { limit: 0 }))).rejects.toThrow(RangeError);
      await expect(outbox.claim(claimAt(T0, { perWatch: 1.5 }))).rejects.toThrow(RangeError);
    });

    it('gives each row to one of several claimers racing for it (instances on the same storage)', async () => {
      const others = subject.another ? await Promise.all([subject.another(), subject.another()]) : [];
      const claimers = [outbox, ...others];
      await outbox.enqueue(Array.from({ length: 60 }, (_, index) => delivery(index + 1)));
      const race = () => Promise.all(Array.from({ length: 12 }, (_, index) => claimers[index % claimers.length]!.claim(claimAt(T0 + 100, { limit: 7, perWatch: 100 }))));
      const ids: string[] = [];
      // A claimer that loses a race for its rows may come back with fewer (never with someone else's).
      for (let round = 0; round < 10 && ids.length < 60; round++) ids.push(...(await race()).flat().map((row) => row.alertId));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(60);
    });

    it('keeps rows and attempts across a restart', async () => {
      if (!subject.reopen || !subject.close) return;
      await outbox.enqueue([delivery(1), delivery(2)]);
      const [first] = await outbox.claim(claimAt(T0 + 10, { limit: 1 }));
      await outbox.record(first!, { at: T0 + 11, status: 503 }, { next: 'retry', at: T0 + 100 });
      await subject.close();
      const reopened = await subject.reopen();
      expect(await reopened.attempts(WATCH, 10)).toEqual([{ alertId: first!.alertId, attempt: 1, at: T0 + 11, status: 503 }]);
      expect((await reopened.claim(claimAt(T0 + 100))).map((row) => [row.alertId, row.attempt])).toEqual([
        [`1-${WATCH}`, 2],
        [`2-${WATCH}`, 1],
      ]);
    });
  });
}
