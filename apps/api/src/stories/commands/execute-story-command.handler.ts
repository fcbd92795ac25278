import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CURRENT_SCHEMA_VERSION, storyDecider, storyStreamName, type StoryCommand, type StoryEvent, type StoryState } from '@story-tracker/domain';
import { IdempotencyKeyTakenError, WrongExpectedRevisionError, type AppendResult, type EventStore, type NewEvent } from '@story-tracker/event-store';
import { Clock } from '../../common/clock';
import { KeyedQueue } from '../../common/keyed-queue';
import { withTimeout } from '../../common/with-timeout';
import { ApiError } from '../../errors/api-error';
import { ProjectionRunner } from '@story-tracker/projections';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { ExecuteStoryCommand, type WriteContext, type WriteOutcome, type WriteResponse } from './execute-story-command.command';
import { WritesInFlight } from './writes-in-flight';
import { EVENT_STORE } from '@story-tracker/runtime';

/**
 * How often a write without If-Match is decided again after losing a race to another writer (another
 * instance: this one queues its own writes per story). Each round is close to a coin toss between the
 * two instances' next writes, so the pause is kept short (a few random milliseconds, to break lockstep,
 * not to back off: the other instance's queue would only win more). Past the last round the answer is
 * a 503 to retry, not a 412: the caller set no precondition, so no precondition failed.
 */
const MAX_ATTEMPTS = 40;
/** The longest a write's answer waits for the story list to show it. */
const READ_MODEL_WAIT_MS = 2000;
const MAX_PAUSE_MS = 4;

/** What deciding a command came to: an answer already, or an append handed to the store. */
type Step =
  | { readonly kind: 'answered'; readonly outcome: WriteOutcome }
  | { readonly kind: 'appending'; readonly outcome: WriteOutcome; readonly commit: Promise<AppendResult> };

/**
 * The one write path: read the stream, fold, decide, append with the expected revision. A write
 * without If-Match that loses a race is decided again against the newer state (the domain rules
 * still hold); one with If-Match is refused, since the editor's change was based on what they saw.
 *
 * Writes to one story are decided one at a time in this process, in the order they came, so its
 * editors queue instead of racing each other; writers elsewhere are still caught by the expected
 * revision. The queue moves on as soon as an append is handed to the store, not when it commits:
 * the next command is decided on the state that includes it (WritesInFlight), and both share one
 * commit. An answer that is not an append (a refusal, a conflict, nothing to change) is only given
 * on committed state: if appends were in flight, it waits for them and decides again.
 */
@CommandHandler(ExecuteStoryCommand)
export class ExecuteStoryCommandHandler implements ICommandHandler<ExecuteStoryCommand, WriteOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly stories: StoryLoader,
    private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  private readonly writes = new KeyedQueue();
  private readonly inFlight = new WritesInFlight();

  async execute({ storyId, command, context }: ExecuteStoryCommand): Promise<WriteOutcome> {
    const kept = await this.keptAnswer(context);
    if (kept) return kept;
    for (let attempt = 1; ; attempt++) {
      // A retry takes its place in the queue at once and pauses there: writes that failed together
      // (one built on the other) are decided again in the order they came.
      const step = await this.writes.run(storyId, async () => {
        if (attempt > 1) await pause(Math.random() * MAX_PAUSE_MS);
        // A retry lost a race with another writer: the head this instance holds is behind.
        return this.decideAndSubmit(storyId, command, context, attempt > 1);
      });
      if (step.kind === 'answered') return step.outcome;
      let result: AppendResult;
      try {
        result = await step.commit;
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError) return (await this.keptAnswer(context))!;
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) throw revisionConflict(error.actualRevision);
        if (attempt >= MAX_ATTEMPTS) throw storyBusy(storyId);
        continue;
      }
      // Read-your-writes: the answer waits until the story list shows the change, outside the story's
      // queue so that the next write to the story need not wait for the read models too. Not forever:
      // the change is on record, and a store that went away just after it must not hold the answer.
      const lastPosition = result.positions[result.positions.length - 1]!;
      await withTimeout(this.readModels.waitFor(lastPosition), READ_MODEL_WAIT_MS).catch(() => undefined);
      return step.outcome;
    }
  }

  /**
   * In the story's queue: decide and hand the append to the store. The state decided on is the one
   * ahead (appends in flight included), else the head this instance holds (its own appends folded in
   * as they commit), else the head caught up with the store. The first two may be behind the store:
   * an append decided on them is refused if so (its expected revision no longer holds) and decided
   * again; any other answer (a refusal, a conflict, nothing to change) is only given on the head
   * caught up, so the same command is decided again on that.
   */
  private async decideAndSubmit(storyId: string, command: StoryCommand, context: WriteContext, caughtUp = false): Promise<Step> {
    const ahead = this.inFlight.stateAhead(storyId);
    if (ahead === undefined) await this.inFlight.settled(storyId);
    const unconfirmed = ahead ?? (caughtUp ? undefined : this.stories.knownHead(storyId));
    const state = unconfirmed ?? (await this.stories.current(storyId));
    try {
      const events = decideOn(state, command, context);
      if (events.length > 0) return this.submit(storyId, state, events, context);
      if (unconfirmed === undefined) return { kind: 'answered', outcome: { status: 200, body: { id: storyId, revision: state.revision, events: [] }, replayed: false } };
    } catch (error) {
      if (unconfirmed === undefined) throw error;
    }
    // That answer rested on a state that may be behind: wait for the appends in flight, decide on the store's.
    await this.inFlight.settled(storyId);
    return this.decideAndSubmit(storyId, command, context, true);
  }

  private submit(storyId: string, state: StoryState, events: StoryEvent[], context: WriteContext): Step {
    const revision = state.revision + events.length;
    const body: WriteResponse = {
      id: storyId,
      revision,
      ...developmentIdOf(events),
      events: events.map((event) => event.type),
    };
    const recordedAt = this.clock.now().toISOString();
    const newEvents = events.map((event) => toNewEvent(event, context, recordedAt));
    const commit = this.store.append(storyStreamName(storyId), newEvents, {
      expectedRevision: state.revision,
      ...(context.idempotency && {
        idempotency: { scope: context.actor, ...context.idempotency, status: context.successStatus, body },
      }),
    });
    this.inFlight.track(storyId, this.stories.foldAhead(storyId, state, newEvents), commit);
    return { kind: 'appending', outcome: { status: context.successStatus, body, replayed: false }, commit };
  }

  /** The answer kept for this idempotency key, or a 422 if the key was used for another request. */
  private async keptAnswer(context: WriteContext): Promise<WriteOutcome | undefined> {
    if (!context.idempotency) return undefined;
    const kept = await this.store.findIdempotency(context.actor, context.idempotency.key);
    if (!kept) return undefined;
    if (kept.fingerprint !== context.idempotency.fingerprint) {
      throw new ApiError('IdempotencyKeyReused', `Idempotency-Key ${context.idempotency.key} was already used for another request`);
    }
    return { status: kept.status, body: kept.body as WriteResponse, replayed: true };
  }
}

/**
 * The events the command comes to on this state. A story that does not exist is at revision 0:
 * If-Match "0" (or none) may open it; any other revision was never seen, so it is a conflict. Other
 * writes to it are the decider's 404.
 */
function decideOn(state: StoryState, command: StoryCommand, context: WriteContext): StoryEvent[] {
  if ((state.exists || command.type === 'OpenStory') && context.expectedRevision !== undefined && context.expectedRevision !== state.revision) {
    throw revisionConflict(state.revision);
  }
  return storyDecider.decide(command, state);
}

function storyBusy(storyId: string): ApiError {
  return new ApiError('StoryBusy', `Other changes to ${storyId} kept landing first; nothing of yours was recorded, so send it again`, {}, { 'retry-after': '1' });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function revisionConflict(currentRevision: number): ApiError {
  return new ApiError('RevisionConflict', `The story is at revision ${currentRevision}; reload it and apply your change again`, { currentRevision });
}

function developmentIdOf(events: StoryEvent[]): { developmentId?: string } {
  const [event] = events;
  return event && 'developmentId' in event.data ? { developmentId: event.data.developmentId } : {};
}

/** A domain event with who, when and why, as the store keeps it. */
function toNewEvent(event: StoryEvent, context: WriteContext, recordedAt: string): NewEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      recordedAt,
      correlationId: context.requestId,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...(context.editSummary !== undefined && { editSummary: context.editSummary }),
      ...(context.idempotency && { idempotencyKey: context.idempotency.key }),
    },
  };
}
