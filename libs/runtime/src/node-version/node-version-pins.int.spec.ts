import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { SUPPORTED_NODE_MAJOR } from './supported-node';

const repo = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(join(repo, file), 'utf8');

describe('the supported Node.js line is said the same everywhere', () => {
  it('in package.json engines', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${SUPPORTED_NODE_MAJOR}`);
  });

  it('in .node-version (the exact build scripts/with-node.sh brings) and .nvmrc', () => {
    const exact = read('.node-version').trim();
    expect(exact).toMatch(new RegExp(`^${SUPPORTED_NODE_MAJOR}\\.\\d+\\.\\d+$`));
    expect(read('.nvmrc').trim()).toBe(exact);
  });

  it("in the Dockerfile's base images", () => {
    const images = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(new RegExp(`^node:${SUPPORTED_NODE_MAJOR}\\.\\d+\\.\\d+-`));
  });
});

describe('an entry point on an older Node.js', () => {
  // The real guard module, compiled as the build compiles it, run in a child Node whose reported
  // version is made older: the process must stop before anything else with one line on stderr.
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'node-guard-'));
    for (const name of ['supported-node', 'require-supported-node']) {
      const { code } = transformFileSync(join(__dirname, `${name}.ts`), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      });
      writeFileSync(join(folder, `${name}.js`), code);
    }
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const runGuard = (version: string | undefined) => {
    const pretend = version === undefined ? '' : `Object.defineProperty(process.versions, 'node', { value: '${version}' });`;
    return spawnSync(process.execPath, ['-e', `${pretend} require('./require-supported-node.js'); process.stdout.write('started')`], {
      cwd: folder,
      encoding: 'utf8',
    });
  };

  it('stops with exit code 1 and a one-line message naming the version it needs', () => {
    const run = runGuard('20.20.2');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Story Tracker needs Node.js ${SUPPORTED_NODE_MAJOR} or newer; this is Node.js 20.20.2. ` +
        `Install it, or run through scripts/with-node.sh (it brings Node.js ${SUPPORTED_NODE_MAJOR}).\n`,
    );
  });

  it('lets the supported Node.js start', () => {
    const run = runGuard(undefined);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('started');
    expect(run.status).toBe(0);
  });
});
