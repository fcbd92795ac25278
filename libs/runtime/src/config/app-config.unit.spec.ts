import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', EVENT_STORE: 'sqlite', LIVE_MAX_STREAMS_PER_TOKEN: 10 });
  });

  it('reads the cap on live streams per token', () => {
    expect(loadConfig({ LIVE_MAX_STREAMS_PER_TOKEN: '3' }).LIVE_MAX_STREAMS_PER_TOKEN).toBe(3);
  });

  it('reads the variables it knows and ignores the rest of the environment', () => {
    const config = loadConfig({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: '/var/lib/story-tracker', EVENT_STORE: 'memory', PATH: '/usr/bin' });
    expect(config).toMatchObject({ PORT: 0, HOST: '0.0.0.0', DATA_DIR: '/var/lib/story-tracker', EVENT_STORE: 'memory' });
    expect(config).not.toHaveProperty('PATH');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_CONNECTION_STRING'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LIVE_MAX_STREAMS_PER_TOKEN: '0' }, 'LIVE_MAX_STREAMS_PER_TOKEN'],
    [{ LIVE_MAX_STREAMS_PER_TOKEN: 'many' }, 'LIVE_MAX_STREAMS_PER_TOKEN'],
  ])('stops with a message naming the bad variable in %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
