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
  it.each([[[]], [['--profile', 'postgres']], [['--profile', 'kurrentdb']], [['--profile', 'kurrentdb-cluster']], [['--profile', 'postgres', '--profile', 'kurrentdb', '--profile', 'kurrentdb-cluster']]])('is valid with %j', (profile) => {
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

  const serviceIn = (config: string, name: string) => {
    const start = config.indexOf(`\n  ${name}:\n`);
    const next = config.slice(start + 1).search(/\n  [a-z][\w.-]*:\n/);
    return next < 0 ? config.slice(start) : config.slice(start, start + 1 + next);
  };

  it('runs the API on one KurrentDB 25.1 node, started once the node is healthy', () => {
    const run = compose('--profile', 'kurrentdb', 'config');
    expect(run.status).toBe(0);
    const service = serviceIn(run.stdout, 'api-kurrentdb');
    expect(service).toMatch(/EVENT_STORE: kurrentdb/);
    expect(service).toMatch(/KURRENTDB_CONNECTION_STRING: kurrentdb:\/\/kurrentdb:2113\?tls=false/);
    expect(service).toMatch(/kurrentdb:\s+condition: service_healthy/);
    expect(serviceIn(run.stdout, 'kurrentdb')).toMatch(/image: docker\.kurrent\.io\/kurrent-latest\/kurrentdb:25\.\d+\.\d+/);
  });

  it('runs a three-node KurrentDB cluster with generated certificates, and the API on it by gossip discovery once every node is healthy', () => {
    const run = compose('--profile', 'kurrentdb-cluster', 'config');
    expect(run.status).toBe(0);
    for (const node of ['node1.kurrentdb', 'node2.kurrentdb', 'node3.kurrentdb']) {
      const service = serviceIn(run.stdout, node);
      expect(service).toMatch(/KURRENTDB_CLUSTER_SIZE: '3'|KURRENTDB_CLUSTER_SIZE: "3"/);
      expect(service).toMatch(/KURRENTDB_GOSSIP_SEED: node\d\.kurrentdb:2113,node\d\.kurrentdb:2113/);
      expect(service).toMatch(new RegExp(`KURRENTDB_CERTIFICATE_FILE: /certs/${node.slice(0, 5)}/node.crt`));
      expect(service).not.toMatch(/KURRENTDB_INSECURE/);
      expect(service).toMatch(/kurrentdb-certs:\s+condition: service_completed_successfully/);
    }
    const api = serviceIn(run.stdout, 'api-kurrentdb-cluster');
    expect(api).toMatch(/EVENT_STORE: kurrentdb/);
    expect(api).toMatch(/KURRENTDB_CONNECTION_STRING: kurrentdb\+discover:\/\/node1\.kurrentdb:2113,node2\.kurrentdb:2113,node3\.kurrentdb:2113\?tls=true&tlsCAFile=/);
    for (const node of ['node1', 'node2', 'node3']) expect(api).toMatch(new RegExp(`${node}\\.kurrentdb:\\s+condition: service_healthy`));
  });
});
