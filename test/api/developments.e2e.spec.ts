import { asEditor, openStory, recordDevelopment, startTestApp, troops, type TestApp } from '../support/test-app';

const STORY = '/stories/russia-ukraine-standoff';

describe('developments, corrections and retractions', () => {
  let test: TestApp;
  beforeEach(async () => {
    test = await startTestApp();
    await openStory(test);
  });
  afterEach(() => test.close());

  it('records every development type as its stored event, with a server-given id', async () => {
    const meetingId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' });
    const otherMeeting = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-scheduled', participants: ['Olaf Scholz', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-15' });
    const demandId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'demand-made', by: 'Russia', addressedTo: ['NATO'], text: 'Halt expansion' });
    const bodies = [
      [troops(100000, { qualifier: 'more-than', capabilityShare: 70, source: { name: 'US officials', url: 'https://example.org/a' }, occurredAt: '2022-02-06T12:00:00Z' }), 'TroopEstimateRecorded'],
      [{ type: 'meeting-rescheduled', meetingId, scheduledFor: '2022-02-07T13:00:00Z', location: 'Kremlin' }, 'MeetingRescheduled'],
      [{ type: 'meeting-held', meetingId, outcome: 'Five hours of talks' }, 'MeetingHeld'],
      [{ type: 'meeting-cancelled', meetingId: otherMeeting, reason: 'Postponed' }, 'MeetingCancelled'],
      [{ type: 'demand-rejected', demandId, by: ['NATO'] }, 'DemandRejected'],
      [{ type: 'demand-accepted', demandId, by: ['France'], statement: 'Open to talks' }, 'DemandAccepted'],
      [{ type: 'statement', speaker: 'Emmanuel Macron', text: 'A deal is possible', outlet: 'JDD' }, 'StatementRecorded'],
      [{ type: 'denial', by: 'Russia', text: 'No plans to attack' }, 'DenialRecorded'],
      [{ type: 'deployment', force: 'US troops', count: 3000, destination: 'Poland' }, 'DeploymentRecorded'],
      [{ type: 'note', text: 'Drills in Pripyat' }, 'NoteAdded'],
    ] as const;
    for (const [body, eventType] of bodies) {
      const response = await test.http.post(`${STORY}/developments`).set(asEditor).send(body).expect(201);
      expect(response.body).toEqual({ id: 'russia-ukraine-standoff', revision: expect.any(Number), developmentId: expect.stringMatching(/^[0-9A-Z]{26}$/), events: [eventType] });
      expect(response.headers['etag']).toBe(`"${response.body.revision}"`);
    }
    const story = (await test.http.get(STORY).set(asEditor).expect(200)).body;
    expect(story.meetings[meetingId]).toMatchObject({ status: 'held', location: 'Kremlin', scheduledFor: '2022-02-07T13:00:00Z', outcome: 'Five hours of talks' });
    expect(story.meetings[otherMeeting].status).toBe('cancelled');
    expect(story.demands[demandId]).toMatchObject({ status: 'mixed', rejectedBy: ['NATO'], acceptedBy: ['France'] });
    expect(Object.keys(story.statements)).toHaveLength(1);
    expect(Object.keys(story.denials)).toHaveLength(1);
    expect(Object.keys(story.deployments)).toHaveLength(1);
    expect(Object.keys(story.notes)).toHaveLength(1);
  });

  it('lets the newer troop estimate for the same force and location supersede the older one', async () => {
    const first = await recordDevelopment(test, 'russia-ukraine-standoff', troops(92000, { occurredAt: '2022-01-20T00:00:00Z' }));
    const second = await recordDevelopment(test, 'russia-ukraine-standoff', troops(100000, { occurredAt: '2022-02-06T00:00:00Z' }));
    await recordDevelopment(test, 'russia-ukraine-standoff', troops(80000, { occurredAt: '2021-12-01T00:00:00Z' }));
    const story = (await test.http.get(STORY).set(asEditor).expect(200)).body;
    expect(story.troopEstimates['Russia|near the Ukrainian border']).toMatchObject({ developmentId: second, count: 100000, supersedes: first });
  });

  it.each([
    [{ type: 'troop-estimate', force: 'Russia', count: 0, qualifier: 'roughly', capabilityShare: 101 }, ['location', 'count', 'qualifier', 'capabilityShare']],
    [{ type: 'meeting-scheduled', participants: ['Macron'], location: 'Moscow', scheduledFor: 'next monday' }, ['participants', 'scheduledFor']],
    [{ type: 'statement', speaker: 'Macron', text: 'x', source: { name: '', url: 'not a url' } }, ['source.name', 'source.url']],
    [{ type: 'note', text: 'x', occurredAt: 'yesterday', extra: true }, ['occurredAt', 'extra']],
    [{ type: 'rumour', text: 'x' }, ['type']],
    [{ text: 'no type' }, ['type']],
    [['not', 'an', 'object'], ['body']],
  ])('answers 400 naming every offending field of %j, and appends nothing', async (body, fields) => {
    const before = await test.eventCount();
    const response = await test.http.post(`${STORY}/developments`).set(asEditor).send(body as object).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([...fields].sort());
    expect(await test.eventCount()).toBe(before);
  });

  it('answers 400 for malformed JSON and 413 for a body over 1 MiB, appending nothing', async () => {
    const malformed = await test.http.post(`${STORY}/developments`).set(asEditor).set('Content-Type', 'application/json').send('{"type": "note", ').expect(400);
    expect(malformed.body.code).toBe('MalformedJson');
    const huge = await test.http.post(`${STORY}/developments`).set(asEditor).send({ type: 'note', text: 'x'.repeat(1024 * 1024) }).expect(413);
    expect(huge.body.code).toBe('PayloadTooLarge');
    expect(await test.eventCount()).toBe(1);
  });

  it.each([
    ['an unknown meeting', async () => ({ type: 'meeting-held', meetingId: '01JZ0000000000000000000000' }), 'MeetingNotFound'],
    ['holding a cancelled meeting', async (t: TestApp) => {
      const meetingId = await recordDevelopment(t, 'russia-ukraine-standoff', { type: 'meeting-scheduled', participants: ['A', 'B'], location: 'Paris', scheduledFor: '2022-01-26' });
      await recordDevelopment(t, 'russia-ukraine-standoff', { type: 'meeting-cancelled', meetingId });
      return { type: 'meeting-held', meetingId };
    }, 'MeetingCancelled'],
    ['an unknown demand', async () => ({ type: 'demand-rejected', demandId: 'nope', by: ['NATO'] }), 'DemandNotFound'],
    ['denying an unknown development', async () => ({ type: 'denial', by: 'Russia', text: 'No', of: 'nope' }), 'DeniedDevelopmentNotFound'],
  ])('answers 422 naming the rule for %s, and appends nothing', async (_name, makeBody, code) => {
    const body = await makeBody(test);
    const before = await test.eventCount();
    const response = await test.http.post(`${STORY}/developments`).set(asEditor).send(body).expect(422);
    expect(response.body).toMatchObject({ status: 422, code });
    expect(response.body.detail).toEqual(expect.any(String));
    // One shape: what the rule names is a top-level member (and, as before, under details).
    expect(response.body).toMatchObject(response.body.details);
    expect(await test.eventCount()).toBe(before);
  });

  it('names the meeting a rule is about at the top level of the problem, like every other extension member', async () => {
    const response = await test.http.post(`${STORY}/developments`).set(asEditor).send({ type: 'meeting-held', meetingId: '01JZ0000000000000000000000' }).expect(422);
    expect(response.body).toMatchObject({ code: 'MeetingNotFound', meetingId: '01JZ0000000000000000000000', details: { meetingId: '01JZ0000000000000000000000' } });
  });

  it('corrects a development: the state shows the corrected fields', async () => {
    const id = await recordDevelopment(test, 'russia-ukraine-standoff', troops(90000));
    const response = await test.http.post(`${STORY}/developments/${id}/corrections`).set(asEditor).send({ changes: { count: 100000, qualifier: 'more-than' }, reason: 'Revised by US officials' }).expect(201);
    expect(response.body).toMatchObject({ revision: 3, developmentId: id, events: ['DevelopmentCorrected'] });
    const story = (await test.http.get(STORY).set(asEditor).expect(200)).body;
    expect(story.troopEstimates['Russia|near the Ukrainian border']).toMatchObject({ count: 100000, qualifier: 'more-than' });
  });

  it.each([
    [{ changes: { count: -5 }, reason: 'x' }, ['changes.count']],
    [{ changes: { colour: 'red' }, reason: 'x' }, ['changes.colour']],
    [{ changes: {}, reason: 'x' }, ['changes']],
    [{ changes: { count: 5 } }, ['reason']],
    [{ changes: { count: null }, reason: 'x' }, ['changes.count']],
  ])('answers 400 for the correction %j, and appends nothing', async (body, fields) => {
    const id = await recordDevelopment(test, 'russia-ukraine-standoff', troops(90000));
    const response = await test.http.post(`${STORY}/developments/${id}/corrections`).set(asEditor).send(body).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(fields);
    expect(await test.eventCount()).toBe(2);
  });

  it('refuses to move a correction to another meeting (422) and a correction of an unknown development (404)', async () => {
    const meetingId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-scheduled', participants: ['A', 'B'], location: 'Paris', scheduledFor: '2022-01-26' });
    const heldId = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'meeting-held', meetingId });
    const moved = await test.http.post(`${STORY}/developments/${heldId}/corrections`).set(asEditor).send({ changes: { meetingId: 'other' }, reason: 'x' }).expect(422);
    expect(moved.body.code).toBe('CorrectionNotAllowed');
    const unknown = await test.http.post(`${STORY}/developments/01JZ0000000000000000000000/corrections`).set(asEditor).send({ changes: { text: 'x' }, reason: 'x' }).expect(404);
    expect(unknown.body.code).toBe('DevelopmentNotFound');
    expect(await test.eventCount()).toBe(3);
  });

  it('retracts a development: it leaves the state, is listed as retracted, and cannot be corrected', async () => {
    const id = await recordDevelopment(test, 'russia-ukraine-standoff', { type: 'statement', speaker: 'Unnamed official', text: 'Invasion Wednesday' });
    await test.http.post(`${STORY}/developments/${id}/retractions`).set(asEditor).send({ reason: 'Could not be confirmed' }).expect(201);
    const story = (await test.http.get(STORY).set(asEditor).expect(200)).body;
    expect(story.statements).toEqual({});
    expect(story.retracted).toEqual([id]);
    const before = await test.eventCount();
    const corrected = await test.http.post(`${STORY}/developments/${id}/corrections`).set(asEditor).send({ changes: { text: 'x' }, reason: 'x' }).expect(422);
    expect(corrected.body.code).toBe('DevelopmentRetracted');
    const again = await test.http.post(`${STORY}/developments/${id}/retractions`).set(asEditor).send({ reason: 'x' }).expect(422);
    expect(again.body.code).toBe('DevelopmentRetracted');
    expect(await test.eventCount()).toBe(before);
  });
});
