import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storyStreamName } from '@story-tracker/domain';
import { connectSse, type SseConnection } from '../live/sse-client';
import { asAuditor, bearer, removeDir, startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { cliOutputs, filesHoldingMarker, heldWebhooks, leaking, leakingRoutes, MARKER, quickRetries, readEverything, redactSweptStory, ROUTES_WITH_VALUES, snapshotHoldsMarker, STORY, storyEventCount, webhookEnv, webhooksAfterRedaction, writeSweptStory, type Answer, type HeldWebhooks } from '../support/redaction-sweep';

// The "done when" on SQLite: a development written with a marker, corrected, read every way
// (so caches, documents, checkpoints in memory and snapshots hold it), redacted; then the marker is
// in no answer of any endpoint at any revision, no live backlog, no CLI output and no file under
// DATA_DIR, while the audit and a log checkpoint saved before the redaction still verify.
describe('a redaction leaves the values nowhere (SQLite)', () => {
  let test: TestApp | undefined;
  let dataDir: string | undefined;
  let hooks: HeldWebhooks | undefined;
  const streams: SseConnection[] = [];
  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    await test?.close();
    await hooks?.stop();
    if (dataDir) removeDir(dataDir);
  });

  it('is in no answer, no live backlog, no CLI output and no file, and the audit and an earlier checkpoint verify', async () => {
    hooks = await heldWebhooks();
    test = await startTestApp({ store: 'sqlite', env: webhookEnv(hooks) });
    quickRetries(test);
    dataDir = test.dataDir;
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const base = await test.app.getUrl();
    // Open before anything is written: every event reaches it live (and is described for it).
    streams.push(await connectSse(`${base}/changes/live`, bearer(TOKENS.reporter)));
    const story = await writeSweptStory(test, hooks.url);
    // Opened once the story exists, from its first event.
    streams.push(await connectSse(`${base}/stories/${STORY}/live`, { ...bearer(TOKENS.reporter), 'Last-Event-ID': '0' }));
    const [changes, storyLive] = streams as [SseConnection, SseConnection];
    await changes.waitForMessages(await storyEventCount(test), 30_000);
    await storyLive.waitForMessages(await test.store.streamRevision(storyStreamName(STORY)), 30_000);
    const { interesting } = story;

    const before = await readEverything(test, base, interesting, 'around the values');
    // The values are there to be found: in answers, a snapshot, the files.
    expect(leakingRoutes(before)).toEqual(expect.arrayContaining(ROUTES_WITH_VALUES));
    expect(await snapshotHoldsMarker(test)).toBe(true);
    expect(filesHoldingMarker(dataDir)).toContain('events.sqlite');
    // The partner was offered the alerts with the values, and refused them: they wait in the outbox.
    await hooks.receiver.waitFor('/hook', 3);
    expect(hooks.receiver.at('/hook').some((request) => request.body.includes(MARKER))).toBe(true);
    const checkpoint = (await test.http.get('/log/checkpoint').expect(200)).text;
    const liveBefore = streams.map((stream) => stream.messages.length);

    await redactSweptStory(test, story);

    // Answered: no file holds the values any more (the WAL emptied, freed pages zeroed).
    expect(filesHoldingMarker(dataDir)).toEqual([]);
    const after = await readEverything(test, base, interesting, 'every revision');
    expect(after.length).toBeGreaterThan(3000);
    expect(leaking(after)).toEqual([]);
    // What the streams open during the redaction were sent after it.
    await Promise.all(streams.map((stream, index) => stream.waitForMessages(liveBefore[index]! + 2, 10_000)));
    const liveAfter: Answer[] = streams.map((stream, index) => ({ what: `live stream ${index} after the redaction`, text: stream.messages.slice(liveBefore[index]).map((message) => message.data).join('\n') }));
    expect(leaking(liveAfter)).toEqual([]);
    // The deliveries that waited across the redaction carry the alerts' new words.
    expect(leaking(await webhooksAfterRedaction(hooks))).toEqual([]);

    const verified = await test.http.post('/log/verify').set(asAuditor).set('Content-Type', 'text/plain').send(checkpoint).expect(200);
    expect(verified.body).toMatchObject({ consistent: true });
    expect((await test.http.get(`/stories/${STORY}/audit`).set(asAuditor).expect(200)).body).toMatchObject({ verified: true });
    expect(await snapshotHoldsMarker(test)).toBe(false);
    expect(filesHoldingMarker(dataDir)).toEqual([]);

    // Closed (the store checkpoints): still no file; then what the CLI says of the store.
    streams.splice(0).forEach((stream) => stream.close());
    await test.close();
    test = undefined;
    expect(filesHoldingMarker(dataDir)).toEqual([]);
    const checkpointFile = join(dataDir, 'checkpoint-before-redaction.txt');
    writeFileSync(checkpointFile, checkpoint);
    const cli = await cliOutputs({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' }, interesting, checkpointFile);
    expect(cli.find((answer) => answer.what.startsWith('cli export '))!.text).toContain('[redacted]');
    expect(leaking(cli)).toEqual([]);
    expect(filesHoldingMarker(dataDir)).toEqual([]);

    // Started again on the same DATA_DIR: the read models and snapshots rebuilt hold nothing either.
    test = await startTestApp({ store: 'sqlite', dataDir });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    expect(leaking(await readEverything(test, await test.app.getUrl(), interesting, 'around the values'))).toEqual([]);
  }, 300_000);
});

