import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyWal } from '@story-tracker/event-store';
import { openReadModelDatabase } from './read-model-database';

describe('the read-model database', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'read-models-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps no copy of a row rewritten (a redaction rewording an alert), though the rows after it split its page', async () => {
    const db = openReadModelDatabase(join(folder, 'read-models.sqlite'));
    const marker = 'Zk8Reworded3Value';
    db.exec('CREATE TABLE words (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO words (text) VALUES (?)');
    for (let n = 0; n < 20; n++) insert.run(`words of row ${n} `.repeat(5));
    insert.run(`the source was ${marker}`);
    for (let n = 0; n < 300; n++) insert.run(`words of row ${n} `.repeat(5));
    const holding = () => readdirSync(folder).filter((name) => readFileSync(join(folder, name)).includes(Buffer.from(marker)));
    expect(holding()).not.toEqual([]);

    db.prepare("UPDATE words SET text = 'the source was [redacted]' WHERE text LIKE ?").run(`%${marker}%`);
    await emptyWal(db);
    expect(holding()).toEqual([]);
    db.close();
    expect(holding()).toEqual([]);
  });
});
