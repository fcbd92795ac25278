import type { BenchCase } from './cases/bench-case';
import type { LoadResult } from './load/load-result';
import { runLoad } from './load/run-load';
import type { LoadSettings } from './settings';
import type { HttpTarget } from './targets/http-target';

const PRIMING = 3;

export interface CaseMeasurement {
  readonly benchCase: BenchCase;
  /** The settings this case ran with: the shared ones and the case's own. */
  readonly settings: LoadSettings;
  readonly ours: readonly LoadResult[];
  readonly baseline: readonly LoadResult[];
}

/**
 * Measures one case on both targets, round by round, so that whatever the machine does meanwhile
 * falls on both sides; the order flips every round (ours first, then the baseline first, ...).
 * Each measured run follows a warm-up run, and before the first round each side gets a longer one
 * (PRIMING × warmup): our app, much larger than the baseline, was otherwise still warming up in
 * round 1. A run with any non-2xx answer stops the bench: its figures would measure errors, not work.
 */
export async function measureCase(benchCase: BenchCase, ours: HttpTarget, baseline: HttpTarget, shared: LoadSettings): Promise<CaseMeasurement> {
  const settings: LoadSettings = { ...shared, ...benchCase.settings };
  const results = { ours: [] as LoadResult[], baseline: [] as LoadResult[] };
  if (settings.warmup > 0) {
    for (const target of [ours, baseline]) await run(benchCase, target, { ...settings, amount: settings.warmup * PRIMING });
  }
  for (let round = 1; round <= settings.rounds; round++) {
    const order = [['ours', ours], ['baseline', baseline]] as const;
    for (const [side, target] of round % 2 === 1 ? order : [...order].reverse()) {
      if (settings.warmup > 0) await run(benchCase, target, { ...settings, amount: settings.warmup });
      const result = await run(benchCase, target, settings);
      results[side].push(result);
      process.stdout.write(
        `  ${benchCase.name} round ${round} ${target.name.padEnd(12)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(2)} ms\n`,
      );
    }
  }
  return { benchCase, settings, ...results };
}

async function run(benchCase: BenchCase, target: HttpTarget, settings: LoadSettings): Promise<LoadResult> {
  const result = await runLoad(benchCase.load(target, settings));
  if (result.failed > 0 || result.ok !== settings.amount) {
    throw new Error(
      `${benchCase.name} on ${target.name}: ${result.ok} of ${settings.amount} answered 2xx (status codes ${JSON.stringify(result.statusCodes)}, ${result.failed} failed)`,
    );
  }
  return result;
}
