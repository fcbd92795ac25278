import type { BenchCase } from './cases/bench-case';
import type { LoadResult } from './load/load-result';
import { runLoad } from './load/run-load';
import { runSplitLoad, shares } from './load/split-load';
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
/** One server, or several that share the load (instances of one store). */
export type Side = HttpTarget | readonly HttpTarget[];

export async function measureCase(benchCase: BenchCase, ours: Side, baseline: Side, shared: LoadSettings): Promise<CaseMeasurement> {
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
        `  ${benchCase.name} round ${round} ${nameOf(target).padEnd(12)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(2)} ms\n`,
      );
    }
  }
  return { benchCase, settings, ...results };
}

async function run(benchCase: BenchCase, target: Side, settings: LoadSettings): Promise<LoadResult> {
  const result = await load(benchCase, target, settings);
  if (result.failed > 0 || result.ok !== settings.amount) {
    throw new Error(
      `${benchCase.name} on ${nameOf(target)}: ${result.ok} of ${settings.amount} answered 2xx (status codes ${JSON.stringify(result.statusCodes)}, ${result.failed} failed)`,
    );
  }
  return result;
}

function load(benchCase: BenchCase, target: Side, settings: LoadSettings): Promise<LoadResult> {
  if (!isMany(target)) return runLoad(benchCase.load(target, settings));
  const connections = shares(settings.connections, target.length);
  const amounts = shares(settings.amount, target.length);
  return runSplitLoad(target.map((one, index) => benchCase.load(one, { ...settings, connections: connections[index]!, amount: amounts[index]! })));
}

function isMany(target: Side): target is readonly HttpTarget[] {
  return Array.isArray(target);
}

function nameOf(target: Side): string {
  return isMany(target) ? target.map((one) => one.name).join('+') : target.name;
}
