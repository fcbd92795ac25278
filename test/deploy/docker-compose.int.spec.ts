import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// No Docker engine runs here, but Debian's docker-compose (1.29) validates a compose file offline.
const REPO = join(__dirname, '..', '..');
const COMPOSE = '/usr/bin/docker-compose';
const present = existsSync(COMPOSE);
const describeWithCompose = present || process.env.CI ? describe : describe.skip;
if (!present && !process.env.CI) {
  process.stderr.write(`Skipping the compose file checks: ${COMPOSE} is missing (apt-get install docker-compose). In CI they run and fail without it.\n`);
}

const compose = (...args: string[]) =>
  spawnSync(COMPOSE, ['--file', join(REPO, 'docker-compose.yml'), ...args], { cwd: REPO, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

describeWithCompose('docker-compose.yml', () => {
  it.each([[[]], [['--profile', 'postgres']], [['--profile', 'kurrentdb']]])('is valid with %j', (profile) => {
    const run = compose(...profile, 'config', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('pins every image to a version', () => {
    const images = [...readFileSync(join(REPO, 'docker-compose.yml'), 'utf8').matchAll(/^\s+image:\s*(\S+)/gm)].map((match) => match[1]!);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/:\d[\w.-]*$/);
  });

  it('runs the PostgreSQL profile as replicas of the API on PostgreSQL, started once the database is healthy', () => {
    const run = compose('--profile', 'postgres', 'config');
    expect(run.status).toBe(0);
    const service = run.stdout.slice(run.stdout.indexOf('  api-postgres:'), run.stdout.indexOf('\n  kurrentdb:'));
    expect(service).toMatch(/EVENT_STORE: postgres/);
    expect(service).toMatch(/POSTGRES_URL: postgres:\/\/story_tracker:[^@\s]+@postgres:5432\/story_tracker/);
    expect(service).toMatch(/replicas: 2/);
    expect(service).toMatch(/postgres:\s+condition: service_healthy/);
    expect(service).toMatch(/SEED_DEMO_STORY: 'false'|SEED_DEMO_STORY: "false"|SEED_DEMO_STORY: false/);
  });
});
