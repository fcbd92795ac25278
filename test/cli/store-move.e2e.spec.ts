import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresEventStore, openSqliteEventStore, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { describeWithPostgres } from '@story-tracker/event-store/testing';
import { storyStreamName } from '@story-tracker/domain';
import { appendStory, auditedStory, longStory } from '../fixtures/audited-story.fixture';
import { CliDataDir } from './cli-harness';

const STORIES = ['russia-ukraine-standoff', 'macron-in-moscow', 'scholz-trip'];

async function allOf(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll(after, 500);
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1]!.globalPosition;
  }
}

const withoutPositions = (events: readonly StoredEvent[]) => events.map(({ globalPosition: _position, ...event }) => event);

// Moving a newsroom's history from the embedded store to PostgreSQL with the CLI: every event, with its
// metadata, lands with the same hashes, and every chain verifies there.
describeWithPostgres('export --all and import: SQLite to PostgreSQL', (cluster) => {
  let source: CliDataDir;
  let work: string;
  beforeEach(async () => {
    source = new CliDataDir();
    work = mkdtempSync(join(tmpdir(), 'story-move-'));
    await source.fill(async (store) => {
      await appendStory(store, STORIES[0]!, longStory(STORIES[0]!, 700));
      await appendStory(store, STORIES[1]!);
      await appendStory(store, STORIES[2]!, auditedStory(STORIES[2]!));
    });
  });
  afterEach(() => {
    source.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('copies every event with its metadata and the same hashes, and every story verifies on the new store', async () => {
    const exported = await source.run(['export', '--all', '--no-progress']);
    expect(exported.code).toBe(0);
    const file = join(work, 'newsroom.ndjson');
    writeFileSync(file, exported.stdout.text);
    const url = await cluster().createDatabase();
    const target = { EVENT_STORE: 'postgres', POSTGRES_URL: url, DATA_DIR: work };

    const imported = await source.run(['import', file, '--no-progress'], { env: target });
    expect(imported.stderr.text).toMatch(/import: \d+ events imported into 3 streams, 0 already here/);
    expect(imported.code).toBe(0);

    const sqlite = openSqliteEventStore({ file: source.file });
    const postgres = await openPostgresEventStore({ connectionString: url });
    try {
      const before = await allOf(sqlite);
      const after = await allOf(postgres);
      expect(after).toHaveLength(before.length);
      expect(withoutPositions(after)).toEqual(withoutPositions(before));
      for (const story of STORIES) {
        const hashes = async (store: EventStore) => {
          const list: string[] = [];
          for await (const event of store.readStream(storyStreamName(story))) list.push(event.hash);
          return list;
        };
        expect(await hashes(postgres)).toEqual(await hashes(sqlite));
      }
    } finally {
      await sqlite.close();
      await postgres.close();
    }
    // The same verdict, story by story, with the same state hashes, on the new store as on the old.
    const verified = await source.run(['verify', '--all', '--no-progress'], { env: target });
    const original = await source.run(['verify', '--all', '--no-progress']);
    expect(verified.code).toBe(0);
    expect(verified.stdout.lines).toHaveLength(3);
    for (const line of verified.stdout.lines) expect(line).toMatch(/: ok \(\d+ events, stateHash [0-9a-f]{64}\)$/);
    expect(verified.stdout.lines.sort()).toEqual(original.stdout.lines.sort());

    // Run again (an import cut short is simply repeated): nothing is appended twice.
    const again = await source.run(['import', file, '--no-progress'], { env: target });
    expect(again.stderr.text).toMatch(/0 events imported into 3 streams, \d+ already here/);
    expect(again.code).toBe(0);
  }, 60_000);

  it('refuses a file whose event was changed after the export, and writes nothing of that stream', async () => {
    const exported = await source.run(['export', '--all', '--no-progress']);
    const lines = exported.stdout.text.trimEnd().split('\n');
    const index = lines.findIndex((line) => line.includes('"scholz-trip"') || line.includes('story-scholz-trip'));
    const changed = JSON.parse(lines[index]!) as { data: Record<string, unknown> };
    changed.data = { ...changed.data, headline: 'Something else' };
    lines[index] = JSON.stringify(changed);
    const file = join(work, 'tampered.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const url = await cluster().createDatabase();

    const imported = await source.run(['import', file, '--no-progress'], { env: { EVENT_STORE: 'postgres', POSTGRES_URL: url, DATA_DIR: work } });
    expect(imported.code).toBe(1);
    expect(imported.stderr.text).toMatch(new RegExp(`line ${index + 1}: its hash is not the chain hash`));
    const postgres = await openPostgresEventStore({ connectionString: url });
    try {
      expect(await postgres.streamRevision(storyStreamName('scholz-trip'))).toBe(0);
    } finally {
      await postgres.close();
    }
    expect(readFileSync(file, 'utf8')).toContain('Something else');
  }, 60_000);
});
