import { ConfigError, loadConfig, seedsDemoStoryOnStart } from './app-config';

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', EVENT_STORE: 'sqlite', LIVE_MAX_STREAMS_PER_TOKEN: 10, DOCUMENT_CACHE_MIB: 64 });
  });

  it('names the newsroom for readers, by default and as configured', () => {
    expect(loadConfig({}).NEWSROOM_NAME).toBe('Story Tracker newsroom');
    expect(loadConfig({ NEWSROOM_NAME: 'The Kyiv Ledger & Co' }).NEWSROOM_NAME).toBe('The Kyiv Ledger & Co');
  });

  it('reads the cap on live streams per token', () => {
    expect(loadConfig({ LIVE_MAX_STREAMS_PER_TOKEN: '3' }).LIVE_MAX_STREAMS_PER_TOKEN).toBe(3);
  });

  it('reads the bound of the document cache, 0 included (no cache)', () => {
    expect(loadConfig({ DOCUMENT_CACHE_MIB: '8' }).DOCUMENT_CACHE_MIB).toBe(8);
    expect(loadConfig({ DOCUMENT_CACHE_MIB: '0' }).DOCUMENT_CACHE_MIB).toBe(0);
  });

  it('reads the variables it knows and ignores the rest of the environment', () => {
    const config = loadConfig({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: '/var/lib/story-tracker', EVENT_STORE: 'memory', PATH: '/usr/bin' });
    expect(config).toMatchObject({ PORT: 0, HOST: '0.0.0.0', DATA_DIR: '/var/lib/story-tracker', EVENT_STORE: 'memory' });
    expect(config).not.toHaveProperty('PATH');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ EVENT_STORE: 'oracle' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'postgres' }, 'POSTGRES_URL is required when EVENT_STORE=postgres'],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'story_tracker on db' }, 'POSTGRES_URL is not a URL'],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'db:5432/story_tracker' }, 'POSTGRES_URL must start with postgres://'],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'mysql://db/story_tracker' }, 'POSTGRES_URL must start with postgres://'],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres:///story_tracker' }, 'POSTGRES_URL names no host'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_CONNECTION_STRING'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LIVE_MAX_STREAMS_PER_TOKEN: '0' }, 'LIVE_MAX_STREAMS_PER_TOKEN'],
    [{ LIVE_MAX_STREAMS_PER_TOKEN: 'many' }, 'LIVE_MAX_STREAMS_PER_TOKEN'],
    [{ DOCUMENT_CACHE_MIB: '-1' }, 'DOCUMENT_CACHE_MIB'],
    [{ DOCUMENT_CACHE_MIB: 'lots' }, 'DOCUMENT_CACHE_MIB'],
    [{ NEWSROOM_NAME: 'The\nDaily' }, 'NEWSROOM_NAME'],
    [{ NEWSROOM_NAME: '   ' }, 'NEWSROOM_NAME'],
    [{ NEWSROOM_NAME: 'x'.repeat(121) }, 'NEWSROOM_NAME'],
  ])('stops with a message naming the bad variable in %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  describe('KURRENTDB_CONNECTION_STRING', () => {
    it('is read with EVENT_STORE=kurrentdb, for one node or a cluster', () => {
      for (const value of ['kurrentdb://localhost:2113?tls=false', 'kurrentdb+discover://node1:2113,node2:2113,node3:2113?tlsCAFile=/certs/ca/ca.crt', 'kurrentdb://admin:changeit@db:2113']) {
        expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: value })).toMatchObject({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: value });
      }
    });

    it.each([
      ['http://localhost:2113', 'must start with kurrentdb://'],
      ['localhost:2113', 'must start with kurrentdb://'],
      ['kurrentdb://?tls=false', 'names no host'],
      ['kurrentdb://node1:2113,:2113', 'names no host'],
    ])('refuses %j with a clear message', (value, message) => {
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: value })).toThrow(new RegExp(message));
    });

    it('never shows a password in a message', () => {
      let message = '';
      try {
        loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://admin:s3cret-pw@node1:2113,:x' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/KURRENTDB_CONNECTION_STRING/);
      expect(message).not.toContain('s3cret-pw');
    });
  });

  describe('POSTGRES_URL', () => {
    it('is read with EVENT_STORE=postgres, in either spelling of the scheme and with a Unix socket', () => {
      for (const url of ['postgres://app:secret@db:5432/story_tracker', 'postgresql://db/story_tracker', 'postgres:///story_tracker?host=/run/postgresql']) {
        expect(loadConfig({ EVENT_STORE: 'postgres', POSTGRES_URL: url })).toMatchObject({ EVENT_STORE: 'postgres', POSTGRES_URL: url });
      }
    });

    it('is checked whenever it is set, even for another store', () => {
      expect(() => loadConfig({ POSTGRES_URL: 'http://db/story_tracker' })).toThrow(/POSTGRES_URL must start with postgres:\/\//);
    });

    it('never shows the password in a message', () => {
      const attempts = [
        'mysql://app:s3cret-pw@db/story_tracker',
        'postgres://app:s3cret-pw@/story_tracker',
        'postgres://app:s3cret-pw@db:99999/story_tracker',
        'app:s3cret-pw@db/story_tracker',
      ];
      for (const url of attempts) {
        let message = '';
        try {
          loadConfig({ EVENT_STORE: 'postgres', POSTGRES_URL: url });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toMatch(/POSTGRES_URL/);
        expect(message).not.toContain('s3cret-pw');
      }
    });
  });
});

describe('seedsDemoStoryOnStart', () => {
  it.each([
    [{}, true],
    [{ EVENT_STORE: 'memory' }, true],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://app@db:5432/news' }, false],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://app@db:5432/news', SEED_DEMO_STORY: 'true' }, true],
    [{ EVENT_STORE: 'sqlite', SEED_DEMO_STORY: 'false' }, false],
    [{ SEED_DEMO_STORY: '0' }, false],
  ])('with %j: %s (the embedded stores by default, a server store only when asked)', (env, expected) => {
    expect(seedsDemoStoryOnStart(loadConfig(env))).toBe(expected);
  });

  it('refuses a value that is neither yes nor no', () => {
    expect(() => loadConfig({ SEED_DEMO_STORY: 'maybe' })).toThrow(/SEED_DEMO_STORY must be true, false, 1 or 0/);
  });
});

describe('POSTGRES_PREPARED_STATEMENTS', () => {
  it.each([
    [{}, true],
    [{ POSTGRES_PREPARED_STATEMENTS: 'false' }, false],
    [{ POSTGRES_PREPARED_STATEMENTS: '0' }, false],
    [{ POSTGRES_PREPARED_STATEMENTS: 'true' }, true],
  ])('with %j: %s (prepared unless a pooler cannot keep them)', (env, expected) => {
    expect(loadConfig(env).POSTGRES_PREPARED_STATEMENTS).toBe(expected);
  });

  it('refuses a value that is neither yes nor no', () => {
    expect(() => loadConfig({ POSTGRES_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/POSTGRES_PREPARED_STATEMENTS must be true, false, 1 or 0/);
  });
});
