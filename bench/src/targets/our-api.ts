import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../apps/api/src/app.factory';
import { StoryLoader } from '../../../apps/api/src/story-loader/story-loader.service';
import { BENCH_EDITOR } from '../fixtures';
import type { HttpTarget } from './http-target';
import { loadConfig } from '@story-tracker/runtime';

export interface OurApi extends HttpTarget {
  /** Where the event store and read models live, to inspect the stored rows afterwards. */
  readonly dataDir: string;
  /** Resolves once the snapshots the story loader has noted so far are written. */
  snapshotsWritten(): Promise<void>;
  /** Stops this instance and starts a new one on the same DATA_DIR (a restart); this one is closed then. */
  restart(): Promise<OurApi>;
}

/**
 * Our real API, exactly as `main.ts` builds it (createApp + loadConfig), in this process on
 * 127.0.0.1 and a free port, with the embedded SQLite store in a fresh temporary folder.
 */
export async function startOurApi(existingDataDir?: string): Promise<OurApi> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'story-tracker-bench-'));
  const grants = [{ token: BENCH_EDITOR.token, actor: BENCH_EDITOR.actor, roles: ['editor' as const] }];
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EVENT_STORE: 'sqlite',
    LOG_LEVEL: 'silent',
    // Only main.ts seeds, but say it anyway: the bench measures its own stories, nothing else.
    SEED_DEMO_STORY: 'false',
    AUTH_TOKENS: JSON.stringify(grants),
  });
  const app = await createApp(config, grants);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('Our API did not report a TCP address');
  return {
    name: 'ours',
    baseUrl: `http://127.0.0.1:${address.port}`,
    headers: { authorization: `Bearer ${BENCH_EDITOR.token}`, 'content-type': 'application/json' },
    dataDir,
    snapshotsWritten: () => app.get(StoryLoader).snapshotsWritten(),
    restart: async () => {
      await app.close();
      return startOurApi(dataDir);
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
