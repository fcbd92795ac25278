import type { StoredEvent } from '@story-tracker/event-store';
import { toRawLogEntry } from './raw-log-entry';

const stored = (change: Partial<StoredEvent> = {}): StoredEvent => ({
  streamId: 'story-russia-ukraine-standoff',
  revision: 2,
  globalPosition: 7,
  type: 'TroopEstimateRecorded',
  data: { developmentId: 'dev-1', force: 'Russia', location: 'Ukrainian border', count: 100000, occurredAt: '2022-01-09T12:00:00.000Z' },
  metadata: {
    actor: 'alice',
    recordedAt: '2022-01-10T09:01:00.000Z',
    editSummary: 'New figure',
    correlationId: 'req-1',
    causationId: 'cmd-1',
    idempotencyKey: 'key-1',
    schemaVersion: 2,
  },
  hash: 'a'.repeat(64),
  previousHash: 'b'.repeat(64),
  ...change,
});

describe('toRawLogEntry', () => {
  it('flattens an event into the contract fields, in the contract order', () => {
    const entry = toRawLogEntry(stored());

    expect(entry).toEqual({
      revision: 2,
      globalPosition: 7,
      logIndex: 6,
      type: 'TroopEstimateRecorded',
      data: stored().data,
      actor: 'alice',
      recordedAt: '2022-01-10T09:01:00.000Z',
      occurredAt: '2022-01-09T12:00:00.000Z',
      editSummary: 'New figure',
      correlationId: 'req-1',
      causationId: 'cmd-1',
      idempotencyKey: 'key-1',
      schemaVersion: 2,
      hash: 'a'.repeat(64),
      previousHash: 'b'.repeat(64),
      hashScheme: 1,
      salts: null,
    });
    expect(Object.keys(entry)).toEqual([
      'revision', 'globalPosition', 'logIndex', 'type', 'data', 'actor', 'recordedAt', 'occurredAt', 'editSummary',
      'correlationId', 'causationId', 'idempotencyKey', 'schemaVersion', 'hash', 'previousHash', 'hashScheme', 'salts',
    ]);
  });

  it('gives null for every field the event does not carry, so every entry has the same keys', () => {
    const entry = toRawLogEntry(stored({ type: 'StoryPublished', data: {}, metadata: { actor: 'alice', recordedAt: '2022-01-10T09:04:00.000Z' } }));

    expect(entry).toMatchObject({
      occurredAt: null,
      editSummary: null,
      correlationId: null,
      causationId: null,
      idempotencyKey: null,
      schemaVersion: null,
    });
    expect(Object.keys(entry)).toHaveLength(17);
  });

  it('keeps the data exactly as stored, without upcasting', () => {
    const data = { some: ['old', 'shape'], occurredAt: 12 };

    expect(toRawLogEntry(stored({ data, metadata: {} }))).toMatchObject({ data, occurredAt: '12', actor: null });
  });

  it('shows a metadata value of an unexpected kind as its JSON text rather than hiding it', () => {
    expect(toRawLogEntry(stored({ metadata: { actor: { name: 'mallory' } } })).actor).toBe('{"name":"mallory"}');
  });
});
