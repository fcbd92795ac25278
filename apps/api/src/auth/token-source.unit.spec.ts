import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnce, loadTokens } from './token-source';
import { ConfigError, loadConfig } from '@story-tracker/runtime';

describe('loadTokens', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokens-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads AUTH_TOKENS', () => {
    const grants = [{ token: 'a-long-enough-token-1', actor: 'alice', roles: ['editor'] }];
    expect(loadTokens(loadConfig({ AUTH_TOKENS: JSON.stringify(grants), DATA_DIR: dir })).grants).toEqual(grants);
  });

  it('reads AUTH_TOKENS_FILE', () => {
    const file = join(dir, 'grants.json');
    writeFileSync(file, JSON.stringify([{ token: 'a-long-enough-token-2', actor: 'audrey', roles: ['auditor', 'reporter'] }]));
    expect(loadTokens(loadConfig({ AUTH_TOKENS_FILE: file, DATA_DIR: dir })).grants[0]).toMatchObject({ actor: 'audrey' });
  });

  it('creates one random token per role in DATA_DIR/tokens.json with mode 0600 once, then reuses them', () => {
    const config = loadConfig({ DATA_DIR: dir });
    const created = loadTokens(config);
    expect(created.generatedFile).toBe(join(dir, 'tokens.json'));
    expect(created.grants.map((grant) => grant.roles)).toEqual([['editor'], ['reporter'], ['auditor'], ['redactor']]);
    expect(statSync(join(dir, 'tokens.json')).mode & 0o777).toBe(0o600);
    const reused = loadTokens(config);
    expect(reused.generatedFile).toBeUndefined();
    expect(reused.grants).toEqual(created.grants);
    expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'))).toEqual(created.grants);
  });

  it.each([
    ['[{"token":"short","actor":"a","roles":["editor"]}]', /at least 16 characters/],
    ['[{"token":"a-long-enough-token-3","actor":"a","roles":["admin"]}]', /roles/],
    ['not json', /not valid JSON/],
    ['[]', /non-empty/],
  ])('refuses %s with a clear message', (json, message) => {
    expect(() => loadTokens(loadConfig({ AUTH_TOKENS: json, DATA_DIR: dir }))).toThrow(ConfigError);
    expect(() => loadTokens(loadConfig({ AUTH_TOKENS: json, DATA_DIR: dir }))).toThrow(message);
  });
});

describe('createOnce', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'create-once-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole file with mode 0600 when it is missing, leaving nothing else behind', () => {
    const file = join(dir, 'tokens.json');
    expect(createOnce(file, 'first')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('keeps what another instance wrote first, and says so instead of failing', () => {
    const file = join(dir, 'tokens.json');
    createOnce(file, 'first');
    expect(createOnce(file, 'second')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });
});
