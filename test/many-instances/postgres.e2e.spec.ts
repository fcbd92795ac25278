import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, MISSING_POSTGRES_MESSAGE, TempPostgresCluster } from '@story-tracker/event-store/testing';
import { describeManyInstances } from '../support/many-instances.suite';

// Two processes on one PostgreSQL database, each with a DATA_DIR of its own (its read models and
// nothing else), as two machines would run them.
const binDir = findPostgresBinDir();
if (binDir || process.env.CI) {
  describeManyInstances('PostgreSQL', async () => {
    const cluster = await TempPostgresCluster.start(binDir);
    const url = await cluster.createDatabase();
    const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'story-tracker-pg-instance-')));
    // Machines of one newsroom share the log's key and name; only the read models are their own.
    const keyFile = join(dataDirs[0]!, 'shared-log-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    return {
      env: { EVENT_STORE: 'postgres', POSTGRES_URL: url, LOG_SIGNING_KEY_FILE: keyFile, LOG_ORIGIN: 'news.example.org/story-tracker' },
      instanceEnv: (index) => ({ DATA_DIR: dataDirs[index]! }),
      cleanup: async () => {
        await cluster.remove();
        for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      },
    };
  });
} else {
  process.stderr.write(`Skipping two API processes on PostgreSQL: ${MISSING_POSTGRES_MESSAGE}. (In CI they fail instead.)\n`);
  describe.skip('two API processes on one PostgreSQL store', () => it('needs PostgreSQL', () => undefined));
}
