import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BareFastify } from '../baselines/bare-fastify';
import { toCaseResults, type CaseResult } from '../case-results';
import { httpAppendCase } from '../cases/http-append.case';
import { httpAppendManyStoriesCase } from '../cases/http-append-many-stories.case';
import { httpCurrentStateLongCase } from '../cases/http-current-state-long.case';
import { httpCurrentStateCase } from '../cases/http-current-state.case';
import { APPEND_STORIES, APPEND_STORY, READ_STORY, READ_STORY_LENGTH, readStoryDevelopments } from '../fixtures';
import { measureCase } from '../measure';
import { averageEventRowBytesIn } from '../row-size';
import type { LoadSettings } from '../settings';
import { fetchCurrentState, openStory, recordDevelopments } from '../setup';
import { startApiProcesses } from '../targets/api-processes';
import type { HttpTarget } from '../targets/http-target';

export interface HttpRun {
  readonly cases: readonly CaseResult[];
  /** Average bytes of data + metadata + hashes per stored row, ours and the baseline's, after the appends. */
  readonly rowBytes: { readonly ours: number; readonly baseline: number };
}

/**
 * The HTTP cases: our API as `npm start` runs it, a process of its own on a fresh DATA_DIR (the
 * embedded SQLite store), against the bare Fastify baseline, as the many-instances and PostgreSQL
 * cases run. In the bench's own process, as it once ran, our API shared its heap and event loop with
 * the bench's bookkeeping and idle cases: their collections and timers landed in its timed requests
 * (the same in-process run measured its appends about a fifth slower).
 */
export async function runHttpCases(baseline: BareFastify, load: LoadSettings): Promise<HttpRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-bench-http-'));
  const [ours] = await startApiProcesses(1, { EVENT_STORE: 'sqlite', DATA_DIR: dataDir }, 'ours');
  try {
    const api = ours!;
    for (const story of [APPEND_STORY, ...APPEND_STORIES, READ_STORY]) await openStory(api, story);
    await recordDevelopments(api, READ_STORY, readStoryDevelopments());

    const appendManyStories = await measureCase(httpAppendManyStoriesCase, api, baseline, load);
    const perStory = await developmentsPerStory(api, APPEND_STORIES);
    const append = await measureCase(httpAppendCase, api, baseline, load);

    const readStory = await fetchCurrentState(api, READ_STORY);
    await baseline.storeDocument(READ_STORY, readStory.json);
    const currentState = await measureCase(httpCurrentStateCase, api, baseline, load);

    const appendStory = await fetchCurrentState(api, APPEND_STORY);
    await baseline.storeDocument(APPEND_STORY, appendStory.json);
    const currentStateLong = await measureCase(httpCurrentStateLongCase, api, baseline, load);
    const about = (what: string) => `${what}; ours one API process (npm start), the baseline in the bench's process`;
    return {
      cases: [
        ...toCaseResults(appendManyStories, load, about(`ten stories, one per connection (${Math.min(...perStory)}–${Math.max(...perStory)} developments each)`)),
        ...toCaseResults(append, load, about('one story, every connection')),
        ...toCaseResults(currentState, load, about(`story of ${READ_STORY_LENGTH} developments of five types, document ${Buffer.byteLength(readStory.json)} bytes`)),
        ...toCaseResults(currentStateLong, load, about(`story of ${appendStory.revision - 1} troop estimates, document ${Buffer.byteLength(appendStory.json)} bytes`)),
      ],
      rowBytes: { ours: averageEventRowBytesIn(join(dataDir, 'events.sqlite')), baseline: baseline.averageRowBytes() },
    };
  } finally {
    await ours?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * How many developments each story of the many-stories case got: all of them, or the case did not
 * measure what it says (until 4 December autocannon sent every request after a connection's first to
 * the first story).
 */
async function developmentsPerStory(api: HttpTarget, stories: readonly string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const story of stories) counts.push((await fetchCurrentState(api, story)).revision - 1);
  if (counts.some((count) => count === 0)) throw new Error(`The ten-stories append case left a story without developments (${counts.join(', ')})`);
  return counts;
}
