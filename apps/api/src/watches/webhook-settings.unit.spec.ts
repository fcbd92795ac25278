import { nextAttemptAt, WebhookSettings } from './webhook-settings';

const HOUR = 3_600_000;

describe('the webhook retry schedule (production values)', () => {
  const settings = new WebhookSettings();
  const first = Date.UTC(2026, 0, 1);

  it('retries a first failure within 10 seconds, then waits longer each time, up to a cap', () => {
    expect(settings.timeoutMs).toBe(5000);
    const soonest = nextAttemptAt(settings, 1, first, first, () => 0)! - first;
    const latest = nextAttemptAt(settings, 1, first, first, () => 0.999_999)! - first;
    expect(soonest).toBe(5000);
    expect(latest).toBeLessThan(10_000);
    const waits = Array.from({ length: 12 }, (_, index) => nextAttemptAt(settings, index + 1, first, first, () => 0)! - first);
    for (let index = 1; index < waits.length; index++) expect(waits[index]).toBeGreaterThanOrEqual(waits[index - 1]!);
    expect(waits.at(-1)).toBe(4 * HOUR);
  });

  it('makes its last attempt 24 hours after the first, and none after', () => {
    let at = first;
    const times: number[] = [at];
    for (let attempt = 1; ; attempt++) {
      const next = nextAttemptAt(settings, attempt, first, at + 5000, () => 0.5);
      if (next === undefined) break;
      times.push((at = next));
    }
    expect(times.at(-1)).toBe(first + 24 * HOUR);
    expect(times.length).toBeGreaterThan(10);
    expect(times.length).toBeLessThan(20);
    expect(nextAttemptAt(settings, 3, first, first + 24 * HOUR - 1000, () => 0)).toBe(first + 24 * HOUR);
  });
});
