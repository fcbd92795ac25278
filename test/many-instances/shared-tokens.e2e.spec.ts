import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, startApiProcesses, type ApiProcess } from '../support/api-process';

describe('instances that start together on an empty DATA_DIR without AUTH_TOKENS', () => {
  let dataDir: string;
  let instances: ApiProcess[] = [];

  beforeAll(() => buildOnce());
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('all use the one set of tokens that the first of them wrote', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'story-tracker-tokens-'));
    instances = await startApiProcesses(3, { EVENT_STORE: 'sqlite', DATA_DIR: dataDir, AUTH_TOKENS: '' });
    const file = join(dataDir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const grants = JSON.parse(readFileSync(file, 'utf8')) as { token: string; roles: string[] }[];
    const editor = grants.find((grant) => grant.roles.includes('editor'))!.token;
    for (const instance of instances) {
      const me = await fetch(`${instance.url}/me`, { headers: { authorization: `Bearer ${editor}` } });
      expect(me.status).toBe(200);
    }
    const made = instances.filter((instance) => instance.output().includes('created one token per role'));
    expect(made).toHaveLength(1);
  }, 60_000);
});
