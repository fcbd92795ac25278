import { createPublicKey, verify } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '@story-tracker/event-store';
import { writeLegacyStory } from '../fixtures/legacy-story.fixture';
import { asAuditor, asEditor, asReporter, openStory, recordDevelopment, removeDir, startTestApp, troops, type TestApp } from '../support/test-app';

/** Changes the SQLite file behind the server's back, as an intruder with file access could. */
function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

async function checkpointText(test: TestApp): Promise<string> {
  const response = await test.http.get('/log/checkpoint').expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.text;
}

function verifyAsText(test: TestApp, checkpoint: string) {
  return test.http.post('/log/verify').set(asAuditor).set('Content-Type', 'text/plain').send(checkpoint);
}

/** Two stories, interleaved, so that the log's order is not any one story's. */
async function writeNewsroom(test: TestApp): Promise<void> {
  await openStory(test, 'russia-ukraine-standoff');
  await openStory(test, 'macron-putin-talks');
  for (const count of [92000, 95000, 100000]) {
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(count));
    await recordDevelopment(test, 'macron-putin-talks', troops(count + 1));
  }
}

describe('the verifiable log over HTTP', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp({ store: 'sqlite' });
    await writeNewsroom(test);
  });
  afterAll(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  it('publishes a checkpoint anyone can check with the public key alone', async () => {
    const text = await checkpointText(test);
    const key = (await test.http.get('/log/key').expect(200)).body;
    const [body, signatureLine] = text.split('\n\n') as [string, string];
    const [origin, size, root] = body.split('\n');
    expect(origin).toBe(key.origin);
    expect(Number(size)).toBe(await test.eventCount());
    expect(Buffer.from(root!, 'base64')).toHaveLength(32);
    const match = /^\u2014 (\S+) (\S+)\n$/.exec(signatureLine)!;
    expect(match[1]).toBe(key.origin);
    const signed = Buffer.from(match[2]!, 'base64');
    expect(signed.subarray(0, 4).toString('hex')).toBe(key.keyId);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    expect(verify(null, Buffer.from(`${body}\n`), publicKey, signed.subarray(4))).toBe(true);
    expect(key.verifierKey).toBe(`${key.origin}+${key.keyId}+${Buffer.concat([Buffer.from([1]), Buffer.from(key.publicKey, 'base64')]).toString('base64')}`);
  });

  it('gives the same head as JSON when asked', async () => {
    const text = await checkpointText(test);
    const json = (await test.http.get('/log/checkpoint').set('Accept', 'application/json').expect(200)).body;
    expect(json).toEqual({ origin: expect.any(String), treeSize: await test.eventCount(), rootHash: text.split('\n')[2], checkpoint: text });
  });

  it('numbers every raw event by its leaf', async () => {
    const { items } = (await test.http.get('/stories/macron-putin-talks/events').set(asAuditor).expect(200)).body;
    for (const item of items) expect(item.logIndex).toBe(item.globalPosition - 1);
  });

  it('answers proofs for auditors only', async () => {
    await test.http.get('/log/proofs/inclusion?index=0&treeSize=1').expect(401);
    await test.http.get('/log/proofs/inclusion?index=0&treeSize=1').set(asReporter).expect(403);
    await test.http.get('/log/proofs/consistency?from=1&to=2').set(asEditor).expect(403);
    await verifyAsText(test, await checkpointText(test)).set(asReporter).expect(403);
    const proof = (await test.http.get('/log/proofs/inclusion?index=3&treeSize=8').set(asAuditor).expect(200)).body;
    expect(proof).toEqual({ index: 3, treeSize: 8, leafHash: expect.any(String), hashes: [expect.any(String), expect.any(String), expect.any(String)] });
    expect((await test.http.get('/log/proofs/consistency?from=3&to=8').set(asAuditor).expect(200)).body).toEqual({ from: 3, to: 8, hashes: expect.any(Array) });
    for (const [from, to] of [[0, 8], [8, 8]]) {
      expect((await test.http.get(`/log/proofs/consistency?from=${from}&to=${to}`).set(asAuditor).expect(200)).body).toEqual({ from, to, hashes: [] });
    }
  });

  it.each([
    ['inclusion?index=0&treeSize=0', 'treeSize'],
    ['inclusion?index=8&treeSize=8', 'index'],
    ['inclusion?index=0&treeSize=9999', 'treeSize'],
    ['inclusion?index=-1&treeSize=3', 'index'],
    ['inclusion?index=0x1&treeSize=3', 'index'],
    ['inclusion?index=1.0&treeSize=3', 'index'],
    ['inclusion?index=01&treeSize=3', 'index'],
    ['inclusion?treeSize=3', 'index'],
    ['inclusion?index=1', 'treeSize'],
    ['consistency?from=5&to=3', 'from'],
    ['consistency?from=1&to=9999', 'to'],
    ['consistency?from=1e2&to=300', 'from'],
    ['consistency?from=1', 'to'],
  ])('refuses /log/proofs/%s with a 400 naming %s, appending nothing', async (path, field) => {
    const before = await test.eventCount();
    const response = await test.http.get(`/log/proofs/${path}`).set(asAuditor).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await test.eventCount()).toBe(before);
  });

  it('verifies its own checkpoints, now and after the log has grown', async () => {
    const earlier = await checkpointText(test);
    expect((await verifyAsText(test, earlier).expect(200)).body).toEqual({ consistent: true, checkpointSize: await test.eventCount(), treeSize: await test.eventCount() });
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(120000));
    const answer = (await verifyAsText(test, earlier).expect(200)).body;
    expect(answer).toEqual({ consistent: true, checkpointSize: (await test.eventCount()) - 1, treeSize: await test.eventCount() });
  });

  it('refuses a checkpoint it did not sign (422) and a body that is none (400, 415), appending nothing', async () => {
    const before = await test.eventCount();
    const genuine = await checkpointText(test);
    const lines = genuine.split('\n');
    const forgedSize = [lines[0], String(Number(lines[1]) + 5), ...lines.slice(2)].join('\n');
    const forgedRoot = [lines[0], lines[1], Buffer.alloc(32, 7).toString('base64'), ...lines.slice(3)].join('\n');
    for (const forged of [forgedSize, forgedRoot]) expect((await verifyAsText(test, forged).expect(422)).body.code).toBe('CheckpointNotSigned');
    for (const junk of ['hello', `${lines[0]}\n12\n\n`, '']) expect((await verifyAsText(test, junk).expect(400)).body.code).toBe('CheckpointMalformed');
    await test.http.post('/log/verify').set(asAuditor).send({ checkpoint: genuine }).expect(415);
    await test.http.post('/log/verify').set(asAuditor).set('Content-Type', 'text/plain; charset=latin1').send(genuine).expect(415);
    await test.http.post('/log/verify').set(asAuditor).set('Content-Type', 'text/plain').send('x'.repeat(20_000)).expect(413);
    // Text bodies are for this route only.
    await test.http.post('/stories').set(asEditor).set('Content-Type', 'text/plain').send('slug').expect(415);
    expect(await test.eventCount()).toBe(before);
  });
});

describe('a witness holding an earlier checkpoint, through the API', () => {
  let test: TestApp;
  let earlier: string;
  beforeEach(async () => {
    test = await startTestApp({ store: 'sqlite' });
    await writeNewsroom(test);
    earlier = await checkpointText(test);
    await test.close();
  });
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  async function verifyAfter(change: (db: Database.Database) => void, options: { dropTiles?: boolean } = {}) {
    tamper(test.dataDir, change);
    if (options.dropTiles) removeDir(join(test.dataDir, 'read-models.sqlite'));
    test = await startTestApp({ store: 'sqlite', dataDir: test.dataDir });
    return (await verifyAsText(test, earlier).expect(200)).body;
  }

  it('finds nothing wrong in an untouched store', async () => {
    expect(await verifyAfter(() => undefined)).toMatchObject({ consistent: true });
  });

  it.each([{ dropTiles: false }, { dropTiles: true }])('sees an edited event (read models dropped: %p)', async (options) => {
    const answer = await verifyAfter((db) => db.exec(`UPDATE events SET data = json_set(data, '$.count', 50000) WHERE global_position = 5`), options);
    expect(answer).toMatchObject({ consistent: false, problem: expect.stringContaining('global position 5') });
  });

  it.each([{ dropTiles: false }, { dropTiles: true }])('sees the newest events deleted (read models dropped: %p)', async (options) => {
    const answer = await verifyAfter((db) => db.exec('DELETE FROM events WHERE global_position > 5'), options);
    expect(answer).toMatchObject({ consistent: false, treeSize: 5, problem: expect.stringContaining('removed') });
    // What the server signs now is the store's truth, and it does not extend the witness's checkpoint.
    expect((await test.http.get('/log/checkpoint').set('Accept', 'application/json').expect(200)).body.treeSize).toBe(5);
  });

  it.each([{ dropTiles: false }, { dropTiles: true }])('sees the newest events of one story deleted mid-log (read models dropped: %p)', async (options) => {
    const answer = await verifyAfter((db) => db.exec(`DELETE FROM events WHERE stream_id = 'story-russia-ukraine-standoff' AND revision >= 3`), options);
    expect(answer).toMatchObject({ consistent: false, problem: expect.stringContaining('removed') });
  });

  it.each([{ dropTiles: false }, { dropTiles: true }])('sees a whole chain rewritten with fresh hashes (read models dropped: %p)', async (options) => {
    const answer = await verifyAfter((db) => {
      const rows = db.prepare(`SELECT global_position, stream_id, revision, type, data, metadata FROM events WHERE stream_id = 'story-macron-putin-talks' ORDER BY revision`).all() as {
        global_position: number;
        stream_id: string;
        revision: number;
        type: string;
        data: string;
        metadata: string;
      }[];
      let previous = '0'.repeat(64);
      for (const row of rows) {
        const data = JSON.parse(row.data);
        if (row.revision === 2) data.count = 1;
        const hash = chainHash(previous, { streamId: row.stream_id, revision: row.revision, type: row.type, data, metadata: JSON.parse(row.metadata) });
        db.prepare('UPDATE events SET data = ?, hash = ?, previous_hash = ? WHERE global_position = ?').run(JSON.stringify(data), hash, previous, row.global_position);
        previous = hash;
      }
    }, options);
    // Every story's chain verifies, yet the log does not extend what the witness holds.
    expect((await test.http.get('/stories/macron-putin-talks/audit').set(asAuditor).expect(200)).body.verified).toBe(true);
    expect(answer).toMatchObject({ consistent: false, problem: expect.stringContaining('not the ones this checkpoint signed') });
  });

  it.each([{ dropTiles: false }, { dropTiles: true }])('sees two events swapped in the log (read models dropped: %p)', async (options) => {
    const answer = await verifyAfter((db) => db.exec('UPDATE events SET global_position = 1000 WHERE global_position = 3; UPDATE events SET global_position = 3 WHERE global_position = 4; UPDATE events SET global_position = 4 WHERE global_position = 1000;'), options);
    expect((await test.http.get('/stories/macron-putin-talks/audit').set(asAuditor).expect(200)).body.verified).toBe(true);
    expect(answer).toMatchObject({ consistent: false });
  });
});

describe('a store written before the verifiable log', () => {
  let test: TestApp;
  afterEach(async () => {
    await test.close();
    removeDir(test.dataDir);
  });

  it('gets its log built on the first start, and every earlier chain still verifies', async () => {
    const seed = await startTestApp({ store: 'sqlite' });
    await writeNewsroom(seed);
    await seed.close();
    writeLegacyStory(join(seed.dataDir, 'events.sqlite'));
    // As before this issue: no tiles anywhere, only the events.
    removeDir(join(seed.dataDir, 'read-models.sqlite'));
    test = await startTestApp({ store: 'sqlite', dataDir: seed.dataDir });

    const head = await test.eventCount();
    // The tree is built in the background after the start: it reaches the head soon after.
    let checkpoint = (await test.http.get('/log/checkpoint').set('Accept', 'application/json').expect(200)).body;
    for (let tries = 0; checkpoint.treeSize < head && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      checkpoint = (await test.http.get('/log/checkpoint').set('Accept', 'application/json').expect(200)).body;
    }
    expect(checkpoint.treeSize).toBe(head);
    expect((await verifyAsText(test, checkpoint.checkpoint).expect(200)).body).toEqual({ consistent: true, checkpointSize: head, treeSize: head });
    for (const story of ['legacy-standoff', 'russia-ukraine-standoff', 'macron-putin-talks']) {
      expect((await test.http.get(`/stories/${story}/audit`).set(asAuditor).expect(200)).body.verified).toBe(true);
    }
  });
});
