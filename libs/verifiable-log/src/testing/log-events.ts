import type { EncodedStoredEvent } from '@story-tracker/event-store';

/**
 * Events as the log's projection is fed them, at global positions `from` to `to` (inclusive), whose
 * hashes are `entries` (entry i at position i + 1): the tree they make is then MTH over `entries`.
 * Only the position and the hash matter to the tree; the rest is plausible filler.
 */
export function logEvents(entries: readonly Buffer[], from: number, to: number): EncodedStoredEvent[] {
  const events: EncodedStoredEvent[] = [];
  for (let position = from; position <= to; position += 1) {
    events.push({
      streamId: `story-${position % 5}`,
      revision: Math.ceil(position / 5),
      globalPosition: position,
      type: 'NoteAdded',
      data: JSON.stringify({ n: position }),
      metadata: '{}',
      hash: entries[position - 1]!.toString('hex'),
      previousHash: '0'.repeat(64),
    });
  }
  return events;
}
