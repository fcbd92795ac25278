import { Command } from '@nestjs/cqrs';
import type { StoryCommand } from '@story-tracker/domain';

/** How the request asked for the write to be made. */
export interface WriteContext {
  readonly actor: string;
  readonly requestId: string;
  /** The revision the editor's change was based on (If-Match), if sent. */
  readonly expectedRevision?: number;
  readonly editSummary?: string;
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  /** 201 for a write that appends an event, 200 for a PATCH. */
  readonly successStatus: 200 | 201;
}

/** The body of every successful write. */
export interface WriteResponse {
  readonly id: string;
  readonly revision: number;
  readonly developmentId?: string;
  /** The types of the events this write appended, in order (empty for a no-op). */
  readonly events: readonly string[];
}

export interface WriteOutcome {
  readonly status: number;
  readonly body: WriteResponse;
  /** True when this is the kept answer to an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}

/** Load a story, decide the command against it, append the events with the expected revision. */
export class ExecuteStoryCommand extends Command<WriteOutcome> {
  constructor(
    readonly storyId: string,
    readonly command: StoryCommand,
    readonly context: WriteContext,
  ) {
    super();
  }
}
