import { isDevelopmentEventType, type Development, type DevelopmentType } from '../events/development';
import { parsePointer, replaceAt } from '../redaction/json-pointer';
import { REDACTED_VALUE } from '../redaction/redaction';
import type { DevelopmentCorrected, DevelopmentEvent, DevelopmentRedacted, DevelopmentRetracted, RecordedStoryEvent } from '../events/story-event';
import type { StoryState } from '../state/story-state';
import { definitionOf } from '../developments/registry';
import { describeDevelopmentEvent, developmentName, developmentPhrase } from './describe-development';
import { change, fieldWords, formatValue, truncate } from './format';

/**
 * A one-line human account of what an event did to the story, naming old and new values where there
 * are any ("Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)").
 * `before` is the story as it stood just before the event.
 */
export function describeEvent(event: RecordedStoryEvent, before: StoryState): string {
  switch (event.type) {
    case 'StoryOpened':
      return `Story opened: ${event.data.headline}`;
    case 'HeadlineRevised':
      return `Headline: ${change(before.headline, event.data.headline)}`;
    case 'SummaryRevised':
      return `Summary: ${change(formatValue(before.summary), formatValue(event.data.summary))}`;
    case 'TagsChanged':
      return `Tags: ${tagChanges(before.tags, event.data.tags)}`;
    case 'DevelopmentCorrected':
      return describeCorrection(event, before);
    case 'DevelopmentRetracted':
      return describeRetraction(event, before);
    case 'DevelopmentRedacted':
      return describeRedaction(event, before);
    case 'StoryPublished':
      return 'Story published';
    case 'StoryArchived':
      return 'Story archived';
    default:
      // Every development type's event, as its definition tells it.
      if (isDevelopmentEvent(event)) return describeDevelopmentEvent(event, before);
      return assertNever(event);
  }
}

/** "+nato −russia": tags added, then tags removed. */
function tagChanges(before: readonly string[], after: readonly string[]): string {
  const added = after.filter((tag) => !before.includes(tag)).map((tag) => `+${tag}`);
  const removed = before.filter((tag) => !after.includes(tag)).map((tag) => `−${tag}`);
  const changes = [...added, ...removed];
  return changes.length > 0 ? changes.join(' ') : formatValue(after);
}

function describeCorrection({ data }: DevelopmentCorrected, before: StoryState): string {
  const record = before.developments.get(data.developmentId);
  const reason = ` (reason: ${truncate(data.reason)})`;
  if (!record) return `Correction to development ${data.developmentId}${reason}`;
  const old = record.development as unknown as Record<string, unknown>;
  const fields = Object.entries(data.changes).map(
    ([field, value]) => `${fieldWords(field)} ${change(fieldValue(record.development.type, field, old[field]), fieldValue(record.development.type, field, value))}`,
  );
  return `Correction to ${developmentName(record.development, before, record.developmentId)}: ${fields.join(', ')}${reason}`;
}

/** A value in words: a choice (a troop estimate's qualifier) as its definition words it. */
function fieldValue(type: DevelopmentType, field: string, value: unknown): string {
  const spec = definitionOf(type).fields[field];
  if (spec?.kind === 'choice' && typeof value === 'string') return (spec.options as Readonly<Record<string, string>>)[value] ?? value;
  return formatValue(value);
}

function isDevelopmentEvent(event: RecordedStoryEvent): event is DevelopmentEvent & RecordedStoryEvent {
  return isDevelopmentEventType(event.type);
}

function describeRetraction({ data }: DevelopmentRetracted, before: StoryState): string {
  const record = before.developments.get(data.developmentId);
  const what = record ? developmentPhrase(record.development, before, record.developmentId) : `development ${data.developmentId}`;
  return `Retracted: ${what} (reason: ${truncate(data.reason)})`;
}

/** Names the fields, never their values (those are gone): "Redacted: source name of the troop estimate … (reason: …)". */
function describeRedaction({ data }: DevelopmentRedacted, before: StoryState): string {
  const record = before.developments.get(data.developmentId);
  // Phrased from the development as it is after the redaction, whatever `before` still held.
  const development = record && (data.paths.reduce<unknown>((fields, path) => replaceAt(fields, parsePointer(path) ?? [], REDACTED_VALUE), record.development) as Development);
  const what = record && development ? developmentPhrase(development, before, record.developmentId) : `development ${data.developmentId}`;
  const fields = data.paths.map((path) => fieldWords(path.slice(1).split('/').join(' '))).join(', ');
  return `Redacted: ${fields} of ${what} (reason: ${truncate(data.reason)})`;
}

function assertNever(event: never): never {
  throw new TypeError(`Unhandled event ${JSON.stringify(event)}`);
}
