import { DEVELOPMENT_DEFINITIONS, type AnyDevelopmentDefinition, type FieldSpec } from '@story-tracker/domain';
import { asEditor, asReporter, openStory, recordDevelopment, startTestApp, type TestApp } from '../support/test-app';

/**
 * Every development type, from its definition, walked through the real app: recorded (its example,
 * with the entries it refers to recorded first), found in the state document where its definition
 * places it, told in the revisions, shown by the diff, corrected, and retracted. A type added to the
 * registry is walked without a line here, so a place that forgets it fails this test, not a reader.
 */
describe('every development type, from record to retraction', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
  });

  afterAll(async () => {
    await test.close();
  });

  const get = async (path: string) => (await test.http.get(path).set(asReporter).expect(200)).body;
  const documentOf = (slug: string) => get(`/stories/${slug}`);
  const lastRevision = async (slug: string) => (await get(`/stories/${slug}/revisions?limit=500`)).items.at(-1);

  /** A development that creates what a reference points at: a meeting, a demand, or any development. */
  async function recordTarget(slug: string, to: 'meeting' | 'demand' | 'development'): Promise<string> {
    const collection = { meeting: 'meetings', demand: 'demands', development: undefined }[to];
    const maker = DEVELOPMENT_DEFINITIONS.find(({ document }) => (collection ? document.kind === 'creates' && document.collection === collection : document.kind === 'entry'))!;
    return recordDevelopment(test, slug, { type: maker.type, ...maker.example });
  }

  /** The example of a definition, its references pointing at entries of this story. */
  async function bodyOf(slug: string, definition: AnyDevelopmentDefinition): Promise<Record<string, unknown>> {
    const body: Record<string, unknown> = { type: definition.type, ...definition.example };
    for (const [name, spec] of Object.entries(definition.fields)) {
      if (spec.kind === 'reference' && (spec.required || name in body)) body[name] = await recordTarget(slug, spec.to);
    }
    return body;
  }

  /** Another valid value for a field of this kind. */
  function changed(spec: FieldSpec, value: unknown): unknown {
    switch (spec.kind) {
      case 'name':
      case 'text':
        return `${typeof value === 'string' ? value : 'Something'} (corrected)`;
      case 'names':
        return [...(Array.isArray(value) ? value : []), 'Corrected Party'];
      case 'count':
        return (typeof value === 'number' ? value : 1) + 1;
      case 'number':
        return value === spec.minimum ? spec.maximum : spec.minimum;
      case 'time':
        return value === '2022-02-09' ? '2022-02-10' : '2022-02-09';
      case 'choice':
        return Object.keys(spec.options).find((option) => option !== value);
      case 'reference':
        throw new Error('references are not corrected here');
    }
  }

  /** Where the development shows in the document: its own entry, the entry it makes or acts on, or its estimate. */
  function placeOf(document: Record<string, Record<string, { developmentId?: string }>>, definition: AnyDevelopmentDefinition, developmentId: string, body: Record<string, unknown>) {
    const placement = definition.document;
    const collection = document[placement.collection]!;
    switch (placement.kind) {
      case 'entry':
      case 'creates':
        return collection[developmentId];
      case 'acts-on':
        return collection[body[placement.via] as string];
      case 'current-estimate':
        return Object.values(collection).find((entry) => entry.developmentId === developmentId);
    }
  }

  it.each(DEVELOPMENT_DEFINITIONS.map((definition) => [definition.type, definition] as const))('%s', async (type, definition) => {
    const slug = `walk-${type}`;
    await openStory(test, slug);
    const body = await bodyOf(slug, definition);
    const before = await documentOf(slug);
    const developmentId = await recordDevelopment(test, slug, body);

    // Recorded: in the document where its definition places it, and told in the revisions.
    const recorded = await documentOf(slug);
    const place = placeOf(recorded, definition, developmentId, body);
    expect(place).toBeDefined();
    if (definition.document.kind === 'acts-on') expect(place).not.toEqual(placeOf(before, definition, developmentId, body));
    const revision = await lastRevision(slug);
    expect(revision).toMatchObject({ revision: recorded.revision, type: definition.eventType, developmentId });
    expect(revision.description).toMatch(/^\S/);
    expect(revision.description).not.toMatch(/undefined|\[object|NaN/);

    // The diff of that revision: a change under the definition's collection, told the same way.
    const diff = await get(`/stories/${slug}/diff?from=${recorded.revision - 1}&to=${recorded.revision}`);
    expect(diff.changes.some((change: { path: string }) => change.path.startsWith(`/${definition.document.collection}/`))).toBe(true);
    expect(diff.descriptions).toEqual([revision.description]);

    // Corrected: its first field that a correction may change.
    const [field, spec] = Object.entries(definition.fields).find(([, candidate]) => candidate.kind !== 'reference')!;
    const changes = { [field]: changed(spec, body[field]) };
    await test.http.post(`/stories/${slug}/developments/${developmentId}/corrections`).set(asEditor).send({ changes, reason: 'Walk: a correction' }).expect(201);
    const corrected = await documentOf(slug);
    expect(placeOf(corrected, definition, developmentId, body)).not.toEqual(place);
    expect((await lastRevision(slug)).description).toMatch(/^Correction to \S.*: .+ → .+ \(reason: Walk: a correction\)$/);
    const timeline = await get(`/stories/${slug}/timeline`);
    expect(timeline.items.find((item: { developmentId: string }) => item.developmentId === developmentId)).toMatchObject({ type, corrected: true, development: { ...body, ...changes } });
    expect((await get(`/stories/${slug}/diff?from=${recorded.revision}`)).changes).not.toEqual([]);

    // Its references may not be re-aimed.
    for (const [name, reference] of Object.entries(definition.fields)) {
      if (reference.kind !== 'reference' || reference.correctable) continue;
      const refused = await test.http.post(`/stories/${slug}/developments/${developmentId}/corrections`).set(asEditor).send({ changes: { [name]: 'elsewhere' }, reason: 'Walk' }).expect(422);
      expect(refused.body.code).toBe('CorrectionNotAllowed');
    }

    // Retracted: it leaves the document, the history keeps it.
    await test.http.post(`/stories/${slug}/developments/${developmentId}/retractions`).set(asEditor).send({ reason: 'Walk: a retraction' }).expect(201);
    const retracted = await documentOf(slug);
    expect(retracted.retracted).toEqual([developmentId]);
    if (definition.document.kind === 'acts-on') expect(placeOf(retracted, definition, developmentId, body)).toEqual(placeOf(before, definition, developmentId, body));
    else expect(placeOf(retracted, definition, developmentId, body)).toBeUndefined();
    expect((await lastRevision(slug)).description).toMatch(/^Retracted: \S.* \(reason: Walk: a retraction\)$/);
    expect((await get(`/stories/${slug}/timeline`)).items.map((item: { developmentId: string }) => item.developmentId)).not.toContain(developmentId);
  });

  it('lists every type at GET /development-types, with its fields and its example', async () => {
    const { items } = await get('/development-types');
    expect(items.map((item: { type: string }) => item.type)).toEqual(DEVELOPMENT_DEFINITIONS.map(({ type }) => type));
    for (const [index, definition] of DEVELOPMENT_DEFINITIONS.entries()) {
      expect(items[index]).toMatchObject({ label: definition.label, eventType: definition.eventType, document: { kind: definition.document.kind, collection: definition.document.collection } });
      expect(items[index].fields.map((item: { name: string }) => item.name)).toEqual(Object.keys(definition.fields));
    }
  });

  it('gives the development types only with a token', async () => {
    const response = await test.http.get('/development-types').expect(401);
    expect(response.body.code).toBeDefined();
  });
});
