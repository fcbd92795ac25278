import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeManyInstances } from '../support/many-instances.suite';

// Two processes on one machine sharing DATA_DIR: one SQLite event store file (and one read-model file).
describeManyInstances('SQLite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-two-'));
  return { env: { EVENT_STORE: 'sqlite', DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
});
