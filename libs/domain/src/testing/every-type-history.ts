import { DEVELOPMENT_DEFINITIONS } from '../developments/registry';
import type { Development } from '../events/development';
import { archived, corrected, developmentRecorded, note, opened, published, retracted, troops } from './story-fixtures';
import type { GivenEvent } from './story-spec';

/**
 * A story with every development type (each definition's example, acting on an entry of its own
 * collection where it acts on one), corrections, retractions, a late figure and the lifecycle.
 */
export function everyTypeHistory(): GivenEvent[] {
  const created = new Map<string, string>();
  const history: GivenEvent[] = [opened({ tags: ['ukraine'] })];
  DEVELOPMENT_DEFINITIONS.forEach(({ type, document, example }, index) => {
    const developmentId = `d${index}-${type}`;
    const fields: Record<string, unknown> = { ...(example as Record<string, unknown>) };
    if (document.kind === 'acts-on') fields[document.via] = created.get(document.collection);
    if (document.kind === 'creates') created.set(document.collection, developmentId);
    history.push(developmentRecorded(developmentId, { type, ...fields } as Development));
  });
  history.push(
    developmentRecorded('t1', troops(92_000, { occurredAt: '2022-01-01T00:00:00.000Z' })),
    developmentRecorded('t2', troops(100_000, { occurredAt: '2021-12-01T00:00:00.000Z', qualifier: 'about' })),
    { ...developmentRecorded('t3', troops(5_000, { occurredAt: 'not a time' })), metadata: { recordedAt: 'not a time either' } },
    corrected('t1', { count: 94_000 }),
    retracted('t2'),
    developmentRecorded('n1', note('Kept')),
    developmentRecorded('n2', note('Withdrawn')),
    retracted('n2'),
    corrected('n1', { text: 'Kept, reworded' }),
    { type: 'HeadlineRevised', data: { headline: 'Troops withdraw — or do they?' } },
    published(),
    archived(),
  );
  return history;
}
