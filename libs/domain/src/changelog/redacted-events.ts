import type { RecordedStoryEvent } from '../events/story-event';
import { parsePointer, replaceAt } from '../redaction/json-pointer';
import { erasureTargets, REDACTED_VALUE } from '../redaction/redaction';

/**
 * The events as the store holds them once it has erased what each redaction took out: the values at
 * the redacted paths read "[redacted]" in every event before the `DevelopmentRedacted` (the recording
 * and its corrections), as evolve shows them from then on. The store already does this; doing it again
 * here means that readers' text never holds a redacted value, even from events read before the store
 * had finished erasing. A correction made after a redaction brings a new value, and keeps it.
 *
 * The reason of a correction that set a redacted value goes too (it reads "[redacted]"): a redaction
 * cannot reach the editor's words, and "The Ministry of Defence says 900" tells the value it took out.
 */
export function withRedactionsApplied(events: readonly RecordedStoryEvent[]): RecordedStoryEvent[] {
  let result = [...events];
  events.forEach((event, index) => {
    if (event.type !== 'DevelopmentRedacted') return;
    const targets = erasureTargets(result.slice(0, index), event.data.developmentId, event.data.paths);
    const pointersAt = new Map(targets.map((target) => [target.revision, target.pointers]));
    result = result.map((earlier, at) => {
      const pointers = at < index ? pointersAt.get(earlier.revision) : undefined;
      if (!pointers) return earlier;
      const erased = pointers.reduce<unknown>((fields, pointer) => replaceAt(fields, parsePointer(pointer) ?? [], REDACTED_VALUE), earlier.data);
      const data = earlier.type === 'DevelopmentCorrected' ? { ...(erased as object), reason: REDACTED_VALUE } : erased;
      return { ...earlier, data } as RecordedStoryEvent;
    });
  });
  return result;
}
