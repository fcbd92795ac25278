import { fromJS, is } from 'immutable';
import type {
  CorrectDevelopment,
  OpenStory,
  RedactDevelopment,
  RecordDevelopment,
  RetractDevelopment,
  ReviseStory,
  StoryCommand,
} from './commands/story-command';
import { DEVELOPMENT_EVENT_TYPES, REFERENCE_FIELDS, type Development } from './events/development';
import type { DevelopmentEvent, StoryEvent } from './events/story-event';
import { DomainError } from './errors/domain-error';
import { definitionOf } from './developments/registry';
import { hasValueAt, parsePointer } from './redaction/json-pointer';
import { isCoveredBy, UNREDACTABLE_FIELDS } from './redaction/redaction';
import type { DevelopmentRecord, StoryState } from './state/story-state';

/**
 * Decides what a command means for a story: the events to append, or a `DomainError` naming the rule
 * it breaks. An empty list means the command changes nothing (a PATCH that repeats what is there).
 */
export function decide(command: StoryCommand, state: StoryState): StoryEvent[] {
  if (command.type === 'OpenStory') return openStory(command, state);
  // A court order or a source at risk does not wait for a story to be reopened: archived ones too.
  if (command.type === 'RedactDevelopment') return redactDevelopment(command, state);
  assertWritable(state);
  switch (command.type) {
    case 'ReviseStory':
      return reviseStory(command, state);
    case 'RecordDevelopment':
      return recordDevelopment(command, state);
    case 'CorrectDevelopment':
      return correctDevelopment(command, state);
    case 'RetractDevelopment':
      return retractDevelopment(command, state);
    case 'PublishStory':
      if (state.status === 'published') throw new DomainError('StoryAlreadyPublished', `Story ${state.id} is already published`);
      return [{ type: 'StoryPublished', data: {} }];
    case 'ArchiveStory':
      return [{ type: 'StoryArchived', data: {} }];
    default:
      return assertNever(command);
  }
}

function openStory({ data }: OpenStory, state: StoryState): StoryEvent[] {
  if (state.exists) throw new DomainError('StoryAlreadyExists', `A story with the slug ${data.storyId} already exists`, { storyId: data.storyId });
  return [
    {
      type: 'StoryOpened',
      data: { storyId: data.storyId, headline: data.headline, summary: data.summary ?? '', tags: normalizeTags(data.tags ?? []) },
    },
  ];
}

function assertWritable(state: StoryState): void {
  if (!state.exists) throw new DomainError('StoryNotFound', 'No story with this id');
  if (state.status === 'archived') throw new DomainError('StoryArchived', `Story ${state.id} is archived and takes no more writes`, { storyId: state.id });
}

function reviseStory({ data }: ReviseStory, state: StoryState): StoryEvent[] {
  const events: StoryEvent[] = [];
  if (data.headline !== undefined && data.headline !== state.headline) events.push({ type: 'HeadlineRevised', data: { headline: data.headline } });
  if (data.summary !== undefined && data.summary !== state.summary) events.push({ type: 'SummaryRevised', data: { summary: data.summary } });
  if (data.tags !== undefined) {
    const tags = normalizeTags(data.tags);
    if (!sameMembers(tags, state.tags)) events.push({ type: 'TagsChanged', data: { tags } });
  }
  return events;
}

function recordDevelopment({ data }: RecordDevelopment, state: StoryState): StoryEvent[] {
  if (state.developments.has(data.developmentId)) {
    throw new DomainError('DevelopmentAlreadyExists', `Development ${data.developmentId} already exists`, { developmentId: data.developmentId });
  }
  assertDevelopmentRules(data.development, state);
  return [developmentEvent(data.developmentId, data.development)];
}

/** The rules of the contract's development table: what a development may refer to and when (each type's `rules`). */
function assertDevelopmentRules(development: Development, state: StoryState): void {
  definitionOf(development.type).rules.check(development as never, state);
}

function correctDevelopment({ data }: CorrectDevelopment, state: StoryState): StoryEvent[] {
  const record = developmentOnRecord(state, data.developmentId, 'corrected');
  const current: Record<string, unknown> = { developmentId: record.developmentId, ...record.development };
  const changes = Object.fromEntries(Object.entries(data.changes).filter(([field, value]) => !sameValue(value, current[field])));
  const moved = Object.keys(changes).filter((field) => ['type', 'developmentId', ...REFERENCE_FIELDS].includes(field));
  if (moved.length > 0) {
    throw new DomainError('CorrectionNotAllowed', `A correction cannot change ${moved.join(', ')}; retract the development and record a new one`, { fields: moved });
  }
  if (Object.keys(changes).length === 0) {
    throw new DomainError('CorrectionChangesNothing', `The correction repeats what development ${data.developmentId} already says`, { developmentId: data.developmentId });
  }
  const corrected = { ...record.development, ...changes } as Development;
  // Only rules about other entries apply again, and only when a field they look at changes: a meeting's
  // own status comes from its developments, and fixing a quote must not depend on what happened since.
  if (definitionOf(corrected.type).rules.recheckWhenCorrected.some((field) => field in changes)) assertDevelopmentRules(corrected, state);
  return [{ type: 'DevelopmentCorrected', data: { developmentId: data.developmentId, changes, reason: data.reason } }];
}

function retractDevelopment({ data }: RetractDevelopment, state: StoryState): StoryEvent[] {
  developmentOnRecord(state, data.developmentId, 'retracted');
  return [{ type: 'DevelopmentRetracted', data: { developmentId: data.developmentId, reason: data.reason } }];
}

/**
 * Every path must name a field the development has (its current fields, corrections applied) and not
 * one that says what it is or what it acts on. Paths already redacted are dropped; none left is no
 * event at all (redacting twice changes nothing). Retracted developments may be redacted.
 */
function redactDevelopment({ data }: RedactDevelopment, state: StoryState): StoryEvent[] {
  if (!state.exists) throw new DomainError('StoryNotFound', 'No story with this id');
  const record = state.developments.get(data.developmentId);
  if (!record) throw new DomainError('DevelopmentNotFound', `No development ${data.developmentId} in this story`, { developmentId: data.developmentId });
  const fields: Record<string, unknown> = { ...record.development };
  delete fields['type'];
  for (const path of data.paths) {
    const tokens = parsePointer(path);
    if (tokens !== undefined && tokens.length > 0 && UNREDACTABLE_FIELDS.includes(tokens[0]!)) {
      throw new DomainError('RedactionNotAllowed', `${path} says what the development is or what it refers to; retract the development instead`, { path });
    }
    if (tokens === undefined || tokens.length === 0 || !hasValueAt(fields, tokens)) {
      throw new DomainError('RedactionPathNotFound', `Development ${data.developmentId} has no field at ${path}`, { developmentId: data.developmentId, path });
    }
  }
  const done = (state.redactions.get(data.developmentId) ?? []).flatMap((redaction) => redaction.paths);
  const paths = [...new Set(data.paths)].filter((path, _index, all) => !isCoveredBy(path, [...done, ...all.filter((other) => other !== path && path.startsWith(`${other}/`))]));
  if (paths.length === 0) return [];
  return [{ type: 'DevelopmentRedacted', data: { developmentId: data.developmentId, paths, reason: data.reason } }];
}

function developmentOnRecord(state: StoryState, developmentId: string, action: 'corrected' | 'retracted'): DevelopmentRecord {
  const record = state.developments.get(developmentId);
  if (!record) throw new DomainError('DevelopmentNotFound', `No development ${developmentId} in this story`, { developmentId });
  if (record.retraction) {
    const message = action === 'retracted' ? 'was already retracted' : `was retracted and cannot be ${action}`;
    throw new DomainError('DevelopmentRetracted', `Development ${developmentId} ${message}`, { developmentId });
  }
  return record;
}

function developmentEvent(developmentId: string, development: Development): DevelopmentEvent {
  const { type, ...fields } = development;
  return { type: DEVELOPMENT_EVENT_TYPES[type], data: { developmentId, ...fields } } as DevelopmentEvent;
}

/** Tags are trimmed, lower-cased labels; order is kept, repeats dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag) => b.includes(tag));
}

/** Equal by content: objects regardless of key order, arrays in order. */
function sameValue(a: unknown, b: unknown): boolean {
  return is(fromJS(a), fromJS(b));
}

function assertNever(command: never): never {
  throw new TypeError(`Unhandled command ${JSON.stringify(command)}`);
}
