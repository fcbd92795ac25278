import { developmentTypeOf, isDevelopmentEventType, type Development } from '../events/development';
import type { DevelopmentCorrected, DevelopmentEvent, DevelopmentRetracted, RecordedStoryEvent } from '../events/story-event';
import { truncate } from '../history/format';
import { REDACTED_VALUE } from '../redaction/redaction';
import type { StoryState } from '../state/story-state';
import { evolve } from '../story.evolve';
import { readerClause } from './reader-clauses';
import { asWritten, forReaders, quotation, sentence, timeWords, whenWords } from './reader-words';

export const CHANGELOG_KINDS = ['correction', 'retraction', 'update'] as const;
export type ChangelogKind = (typeof CHANGELOG_KINDS)[number];

/** One change a reader is told about: what was recorded after the story's first publication. */
export interface ChangelogItem {
  /** The record time of the event. */
  readonly at: string;
  readonly kind: ChangelogKind;
  /** In a copy desk's words, the editor's reason as written; never a redacted value, never a name of staff. */
  readonly text: string;
  /** Its first sentence, cut to a title's length (a feed entry's title). */
  readonly title: string;
  /** The event's revision: what makes the item's id stable (a feed entry's id, an anchor on the page). */
  readonly revision: number;
}

const TITLE_LENGTH = 160;
/** What readers are told of a redaction: that something was taken out, not why (see `wordingOf`). */
export const DETAIL_REMOVED_TEXT = 'Update: A detail was removed from this story.';

/**
 * The item for one event, worded from the story as it stood just before it (`before`), so an item
 * keeps its words whatever comes later; none for what readers are not told (tags, publication,
 * archiving).
 */
export function changelogItem(event: RecordedStoryEvent, before: StoryState): ChangelogItem | undefined {
  const wording = wordingOf(event, before);
  if (!wording) return undefined;
  const [first = ''] = wording.sentences;
  return {
    at: event.metadata.recordedAt,
    kind: wording.kind,
    text: forReaders(wording.sentences.join(' ')),
    title: forReaders(truncate(first, TITLE_LENGTH)),
    revision: event.revision,
  };
}

interface Wording {
  readonly kind: ChangelogKind;
  readonly sentences: readonly string[];
}

function wordingOf(event: RecordedStoryEvent, before: StoryState): Wording | undefined {
  switch (event.type) {
    case 'HeadlineRevised':
      return update(`Update: The headline was changed from ${quotation(before.headline)} to ${quotation(event.data.headline)}.`);
    case 'SummaryRevised':
      return update(summaryChange(before.summary, event.data.summary));
    case 'DevelopmentCorrected':
      return { kind: 'correction', sentences: correction(event, before) };
    case 'DevelopmentRetracted':
      return { kind: 'retraction', sentences: retraction(event, before) };
    case 'DevelopmentRedacted':
      // The reason was written for the newsroom (it may say whom the redaction protects), so readers
      // learn that a detail went, and the detail reads "[detail removed]" wherever it stood.
      return update(DETAIL_REMOVED_TEXT);
    case 'StoryOpened':
    case 'TagsChanged':
    case 'StoryPublished':
    case 'StoryArchived':
      // Tags file the story for the newsroom; opening, publishing and archiving are not changes to what it says.
      return undefined;
    default:
      if (isDevelopmentEvent(event)) return update(`Update: ${sentence(readerClause(developmentOf(event), before))}`);
      return assertNever(event);
  }
}

function update(text: string): Wording {
  return { kind: 'update', sentences: [text] };
}

function summaryChange(before: string, after: string): string {
  if (before.trim() === '') return `Update: A summary was added: ${quotation(after)}.`;
  if (after.trim() === '') return 'Update: The summary was removed.';
  return `Update: The summary now reads ${quotation(after)}.`;
}

/**
 * "Correction: An earlier version of this story said X. It should have said Y." and the reason; when the
 * change does not show in what readers read (a date, a link, a detail since removed), which report it
 * was in, and the date where that was it.
 */
function correction(event: DevelopmentCorrected & RecordedStoryEvent, before: StoryState): string[] {
  const { data } = event;
  // A reason that went with a value since redacted is left out with it (see withRedactionsApplied).
  const reason = data.reason.trim() === '' || data.reason === REDACTED_VALUE ? [] : [asWritten(data.reason)];
  const record = before.developments.get(data.developmentId);
  if (!record) return ['Correction: An earlier version of this story got a detail wrong.', ...reason];
  const wrong = record.development;
  const right = { ...wrong, ...data.changes } as Development;
  const wrongClause = readerClause(wrong, before);
  const rightClause = readerClause(right, evolve(before, event));
  if (forReaders(wrongClause) !== forReaders(rightClause)) {
    return [sentence(`Correction: An earlier version of this story said ${wrongClause}`), sentence(`It should have said ${rightClause}`), ...reason];
  }
  return [sentence(`Correction: An earlier version of this story got a detail wrong in the report that ${rightClause}`), ...dateCorrection(wrong.occurredAt, right.occurredAt), ...reason];
}

function dateCorrection(wrong: string | undefined, right: string | undefined): string[] {
  if (right === undefined || right === wrong) return [];
  return wrong === undefined ? [`It happened ${whenWords(right)}.`] : [`The date is ${timeWords(right)}, not ${timeWords(wrong)}.`];
}

/** "Retraction: An earlier version of this story said X. It has been withdrawn." and the reason. */
function retraction({ data }: DevelopmentRetracted, before: StoryState): string[] {
  const reason = data.reason.trim() === '' ? [] : [asWritten(data.reason)];
  const record = before.developments.get(data.developmentId);
  const what = record ? sentence(`Retraction: An earlier version of this story said ${readerClause(record.development, before)}`) : 'Retraction: A report in an earlier version of this story has been withdrawn.';
  return record ? [what, 'It has been withdrawn.', ...reason] : [what, ...reason];
}

function isDevelopmentEvent(event: RecordedStoryEvent): event is DevelopmentEvent & RecordedStoryEvent {
  return isDevelopmentEventType(event.type);
}

function developmentOf(event: DevelopmentEvent): Development {
  const { developmentId: _id, ...fields } = event.data;
  return { type: developmentTypeOf(event.type), ...fields } as Development;
}

function assertNever(event: never): never {
  throw new TypeError(`Unhandled event ${JSON.stringify(event)}`);
}
