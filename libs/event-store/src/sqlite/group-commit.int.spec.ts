import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY)');
  });
  afterEach(() => db.close());

  const insert = (name: string) => () => db.prepare('INSERT INTO rows (name) VALUES (?)').run(name).changes;
  const names = () => db.prepare<[], { name: string }>('SELECT name FROM rows ORDER BY name').all().map((row) => row.name);

  it('commits writes submitted in the same turn together, and rolls back only the one that failed', async () => {
    const group = new GroupCommit(db);
    const results = await Promise.allSettled([
      group.submit(insert('a')),
      group.submit(() => {
        insert('b')();
        throw new Error('second write refused');
      }),
      group.submit(insert('c')),
      group.submit(insert('a')), // duplicate of the first, in the same transaction: refused alone
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('second write refused'));
    expect(names()).toEqual(['a', 'c']);
  });

  it('answers nobody before the commit: a write is visible to every caller once its promise resolves', async () => {
    const group = new GroupCommit(db);
    const pending = group.submit(insert('x'));
    expect(names()).toEqual([]);
    await pending;
    expect(names()).toEqual(['x']);
    expect(db.inTransaction).toBe(false);
  });

  it('commits what is queued when flushed at once (as on close)', () => {
    const group = new GroupCommit(db);
    void group.submit(insert('y'));
    group.flush();
    expect(names()).toEqual(['y']);
  });
});
