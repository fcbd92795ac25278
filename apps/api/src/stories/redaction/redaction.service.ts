import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { erasureTargets, REDACTED_VALUE, storyDecider, storyStreamName, type RedactDevelopment } from '@story-tracker/domain';
import { eraseValues, erasureRewrites, RedactionNeedsCommitmentsError, type EventStore, type StoredEvent } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { ApiError } from '../../errors/api-error';
import { StoryCopies } from '../../story-loader/story-copies';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { ExecuteStoryCommand, type WriteContext, type WriteOutcome } from '../commands/execute-story-command.command';

/**
 * A redaction, in the order that leaves nothing behind: first every check (the domain's rules, and
 * that the events holding the values were sealed with commitments), so a refusal writes nothing; then
 * the values are erased from the store (the hashes stay, see the event store's rewriteEvents) and from
 * every copy this instance keeps (StoryCopies: states, snapshots, documents, live descriptions, alerts'
 * words); only then is `DevelopmentRedacted` appended, through the one write path (If-Match and
 * Idempotency-Key hold as for any write). A crash between the two leaves the values erased and the
 * write unanswered, to be sent again; never the values kept after an answer. Other instances drop
 * their copies when they see the event (RedactionFollower).
 */
@Injectable()
export class RedactionService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly stories: StoryLoader,
    private readonly copies: StoryCopies,
    private readonly commands: CommandBus,
  ) {}

  async redact(storyId: string, command: RedactDevelopment, context: WriteContext): Promise<WriteOutcome> {
    if (!this.store.rewriteEvents) {
      throw new ApiError('RedactionNotSupported', 'This event store keeps events immutable (KurrentDB): values cannot be erased from it. See the README on redaction.');
    }
    const stream = storyStreamName(storyId);
    // The rules, on the story as it stands (the write path decides again when it appends).
    storyDecider.decide(command, await this.stories.latest(storyId));
    const { developmentId, paths } = command.data;
    const events = await this.readAll(stream);
    const targets = erasureTargets(events, developmentId, paths);
    try {
      erasureRewrites(events, targets, REDACTED_VALUE);
    } catch (error) {
      if (error instanceof RedactionNeedsCommitmentsError) throw needsCommitments(error);
      throw error;
    }
    await this.erase(storyId, targets);
    const outcome = await this.commands.execute(new ExecuteStoryCommand(storyId, command, context));
    // A correction of the development appended meanwhile holds the values too: erase it as well.
    await this.erase(storyId, erasureTargets(await this.readAll(stream), developmentId, paths));
    return outcome;
  }

  /** Out of the store, out of every copy this instance keeps (see StoryCopies). */
  private async erase(storyId: string, targets: ReturnType<typeof erasureTargets>): Promise<void> {
    const stream = storyStreamName(storyId);
    await eraseValues(this.store, stream, targets, REDACTED_VALUE);
    // After the erase, so that no copy made from the events as they were stays: reads under way keep
    // nothing of what they fold or build (see StoryLoader.forget and GetStoryHandler.forgetStory).
    await this.copies.forget(storyId);
    // Deleted snapshots and rewritten rows leave old pages behind until the store erases them (SQLite's
    // WAL, PostgreSQL's dead rows): once more, with nothing to rewrite, to make sure they are gone.
    await this.store.rewriteEvents!(stream, []);
  }

  private async readAll(stream: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(stream)) events.push(event);
    return events;
  }
}

function needsCommitments(error: RedactionNeedsCommitmentsError): ApiError {
  return new ApiError(
    'RedactionNeedsCommitments',
    `Revision ${error.revision} was recorded before values were sealed with commitments: its hash covers the values themselves, so erasing one would break the story's proof. Retract the development instead, or keep the record as it is.`,
    { revision: error.revision },
  );
}
