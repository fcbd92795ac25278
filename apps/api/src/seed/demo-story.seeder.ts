import { Inject, Injectable, Logger, type INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, storyStreamName } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { IdGenerator } from '../common/clock';
import { ApiError } from '../errors/api-error';
import { ExecuteStoryCommand, type WriteOutcome } from '../stories/commands/execute-story-command.command';
import { openStoryWrite, publishStoryWrite, recordDevelopmentWrite, reviseStoryWrite, type Write } from '../stories/write-commands';
import { MACRON_MOSCOW_STORY } from './macron-moscow.story';
import { resolveReferences, type SeedStep, type StorySeed } from './story-seed';
import { type AppConfig, EVENT_STORE, seedsDemoStoryOnStart } from '@story-tracker/runtime';

/** The actor recorded on every event the seeder appends. */
export const SEED_ACTOR = 'seed';

export interface SeedReport {
  readonly storyId: string;
  /** False when the story already existed and nothing was written. */
  readonly seeded: boolean;
  /** The story's revision when the seeder finished. */
  readonly revision: number;
  /** Writes made after opening the story (0 when it already existed). */
  readonly steps: number;
}

/** One write as the HTTP controller would dispatch it, after the same validation, and the status it answers. */
interface SeedWrite extends Write {
  readonly successStatus: 200 | 201;
}

/**
 * Records a story written as data through the app's one write path: each step is validated as its
 * HTTP body would be (`write-commands.ts`, the write controller's own mapping), then dispatched as an `ExecuteStoryCommand`, so
 * the domain's rules apply exactly as they do to an editor. Idempotent: a story that already exists
 * is left alone. Every step is checked before anything is written, so a mistake in the seed data
 * stops it without leaving half a story behind.
 */
@Injectable()
export class DemoStorySeeder {
  private readonly logger = new Logger('DemoStorySeeder');

  constructor(
    private readonly commands: CommandBus,
    private readonly ids: IdGenerator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async seed(story: StorySeed = MACRON_MOSCOW_STORY): Promise<SeedReport> {
    checkSteps(story);
    const runId = `seed-${this.ids.next()}`;
    const opened = await this.open(story, runId);
    if (!opened) {
      const revision = await this.store.streamRevision(storyStreamName(story.slug));
      this.logger.log(`Story ${story.slug} already exists (revision ${revision}); nothing seeded`);
      return { storyId: story.slug, seeded: false, revision, steps: 0 };
    }
    const recorded = new Map<string, string>();
    let revision = opened.body.revision;
    for (const [index, step] of story.steps.entries()) {
      const at = `${index + 1}/${story.steps.length}`;
      const outcome = await this.execute(story.slug, () => writeOf(step, recorded, () => this.ids.next()), runId, `step ${at} (${step.label})`);
      if (step.kind === 'record') recorded.set(step.label, outcome.body.developmentId!);
      revision = outcome.body.revision;
      this.logger.log(`[${at}] ${step.label}: ${outcome.body.events.join(', ') || 'no change'} → revision ${revision}`);
    }
    this.logger.log(`Seeded story ${story.slug}: ${story.steps.length} steps after opening, revision ${revision}`);
    return { storyId: story.slug, seeded: true, revision, steps: story.steps.length };
  }

  /** Opens the story, or answers undefined if it already exists (decided atomically by the domain). */
  private async open(story: StorySeed, runId: string): Promise<WriteOutcome | undefined> {
    try {
      return await this.execute(story.slug, () => openWrite(story), runId, 'opening the story');
    } catch (error) {
      if (error instanceof SeedError && error.cause instanceof DomainError && error.cause.code === 'StoryAlreadyExists') return undefined;
      throw error;
    }
  }

  private async execute(storyId: string, write: () => SeedWrite, runId: string, what: string): Promise<WriteOutcome> {
    try {
      const { command, editSummary, successStatus } = write();
      const context = { actor: SEED_ACTOR, requestId: runId, successStatus, ...(editSummary && { editSummary }) };
      return await this.commands.execute(new ExecuteStoryCommand(storyId, command, context));
    } catch (error) {
      throw new SeedError(`Seeding ${storyId} stopped at ${what}: ${describe(error)}`, error);
    }
  }
}

/** Seeds the demo story into a built app (listening or not). */
export function seedDemoStory(app: INestApplicationContext, story: StorySeed = MACRON_MOSCOW_STORY): Promise<SeedReport> {
  const seeder = new DemoStorySeeder(app.get(CommandBus), app.get(IdGenerator), app.get<symbol, EventStore>(EVENT_STORE));
  return seeder.seed(story);
}

/** On start: seeds the demo story when it should (`seedsDemoStoryOnStart`) and the event store holds no events at all. */
export async function seedDemoStoryOnFirstStart(app: INestApplicationContext, config: AppConfig): Promise<SeedReport | undefined> {
  if (!seedsDemoStoryOnStart(config)) return undefined;
  if ((await app.get<symbol, EventStore>(EVENT_STORE).headPosition()) !== 0) return undefined;
  return seedDemoStory(app);
}

export class SeedError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'SeedError';
  }
}

/**
 * Validates every step before anything is written: bodies as HTTP would, and references only to
 * labels of earlier `record` steps (stood in for by the labels themselves).
 */
export function checkSteps(story: StorySeed): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  try {
    openWrite(story);
  } catch (error) {
    problems.push(`opening: ${describe(error)}`);
  }
  for (const step of story.steps) {
    if (seen.has(step.label)) problems.push(`${step.label}: label used twice`);
    try {
      writeOf(step, seen, () => 'check');
    } catch (error) {
      problems.push(`${step.label}: ${describe(error)}`);
    }
    if (step.kind === 'record') seen.set(step.label, step.label);
  }
  if (problems.length > 0) throw new Error(`The seed of ${story.slug} is not valid:\n  - ${problems.join('\n  - ')}`);
}

function openWrite(story: StorySeed): SeedWrite {
  const { storyId: _storyId, ...write } = openStoryWrite({ slug: story.slug, headline: story.headline, summary: story.summary, tags: story.tags, editSummary: story.editSummary });
  return { ...write, successStatus: 201 };
}

/** The command of one step, made from its body by the write controller's own mapping (`write-commands.ts`). */
function writeOf(step: SeedStep, recorded: ReadonlyMap<string, string>, newId: () => string): SeedWrite {
  switch (step.kind) {
    case 'record':
      return { ...recordDevelopmentWrite({ ...resolveReferences(step.development, recorded), editSummary: step.editSummary }, newId), successStatus: 201 };
    case 'revise':
      return { ...reviseStoryWrite({ ...step.changes, editSummary: step.editSummary }), successStatus: 200 };
    case 'publish':
      return { ...publishStoryWrite({ editSummary: step.editSummary }), successStatus: 201 };
  }
}

/** An error as one line, with the offending fields of a validation failure. */
function describe(error: unknown): string {
  if (error instanceof ApiError && Array.isArray(error.extensions['errors'])) {
    const fields = (error.extensions['errors'] as { field: string; messages: string[] }[]).map((field) => `${field.field}: ${field.messages.join('; ')}`);
    return `${error.message} (${fields.join(' | ')})`;
  }
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
