import { sealEvents, toStorableEvent } from '../append-rules';
import { expectedHash, GENESIS_HASH } from '../hash-chain';
import { decodeEvent, decodeIdempotency, encodeEvent, encodeIdempotency, ENVELOPE_KEY, type RecordedKurrentEvent } from './kurrentdb-codec';

// What KurrentDB gives back for what we wrote: the data and metadata through JSON text, as the server
// stores them (no server here; this is the client's side of the round trip only).
function asRecorded(streamName: string, kurrentRevision: number, written: ReturnType<typeof encodeEvent>, asBytes = false): RecordedKurrentEvent {
  const data = JSON.parse(JSON.stringify(written.data)) as unknown;
  const metadata = JSON.parse(JSON.stringify(written.metadata)) as unknown;
  return {
    streamId: streamName,
    revision: BigInt(kurrentRevision),
    type: written.type,
    data: asBytes ? Buffer.from(JSON.stringify(data)) : data,
    metadata: asBytes ? Buffer.from(JSON.stringify(metadata)) : metadata,
  };
}

const metadata = {
  actor: 'alice',
  recordedAt: '2026-11-25T10:00:00.000Z',
  occurredAt: '2026-11-24T08:00:00.000Z',
  editSummary: 'Neue Zahl ✏️',
  correlationId: '01J0CORRELATION',
  causationId: '01J0CAUSATION',
  idempotencyKey: 'key-1',
  schemaVersion: 2,
  nested: { list: [1, { a: null }] },
};

describe('KurrentDB event encoding', () => {
  const [first, second] = sealEvents(
    'story-macron',
    [
      { type: 'StoryOpened', data: { headline: 'Macron in Moskau', tags: ['diplomacy'] }, metadata },
      { type: 'HeadlineRevised', data: { headline: 'Macron trifft Putin' }, metadata: { ...metadata, editSummary: undefined } },
    ].map((event) => toStorableEvent(event, 'as-recorded')),
    0,
    GENESIS_HASH,
  );

  it('writes only string metadata values, as the multi-stream append demands', () => {
    const written = encodeEvent('story-macron', first!, 7);
    expect(Object.values(written.metadata as object).every((value) => typeof value === 'string')).toBe(true);
    expect(written.contentType).toBe('application/json');
    expect(written.type).toBe('StoryOpened');
    expect(written.metadata).toMatchObject({ $correlationId: '01J0CORRELATION', $causationId: '01J0CAUSATION' });
    expect(written.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([[false], [true]])('round-trips data, every metadata field and the chain link (bytes: %s)', (asBytes) => {
    for (const [event, position] of [[first!, 7], [second!, 8]] as const) {
      const recorded = asRecorded('ns/story-macron', event.revision - 1, encodeEvent('story-macron', event, position), asBytes);
      const stored = decodeEvent(recorded, { revision: event.revision });
      expect(stored).toEqual({ streamId: 'story-macron', globalPosition: position, ...event });
      expect(expectedHash(stored)).toBe(stored.hash);
    }
    const decodedSecond = decodeEvent(asRecorded('log', 7, encodeEvent('story-macron', second!, 8)), { globalPosition: 8 });
    expect(decodedSecond.previousHash).toBe(first!.hash);
    expect(decodedSecond.metadata).not.toHaveProperty('$correlationId');
  });

  it('refuses an event that disagrees with where it was read, or was not written by this store', () => {
    const recorded = asRecorded('story-macron', 0, encodeEvent('story-macron', first!, 7));
    expect(() => decodeEvent(recorded, { revision: 2 })).toThrow(/revision 1, not 2/);
    expect(() => decodeEvent(recorded, { globalPosition: 6 })).toThrow(/position 7, not 6/);
    expect(() => decodeEvent({ ...recorded, metadata: { other: 'x' } })).toThrow(new RegExp(`no ${ENVELOPE_KEY}`));
    const future = { [ENVELOPE_KEY]: JSON.stringify({ v: 99 }) };
    expect(() => decodeEvent({ ...recorded, metadata: future })).toThrow(/envelope version 99/);
  });

  it('round-trips an idempotency record', () => {
    const record = { scope: 'alice', key: 'k', fingerprint: 'POST /stories abc', status: 201, body: { revision: 1, note: 'Grüße' } };
    const written = encodeIdempotency(record);
    const recorded: RecordedKurrentEvent = { streamId: 'x', revision: BigInt(0), type: written.type, data: JSON.parse(JSON.stringify(written.data)), metadata: {} };
    expect(decodeIdempotency(recorded)).toEqual(record);
    expect(() => decodeIdempotency({ ...recorded, type: 'Other' })).toThrow(/idempotency record/);
  });
});
