import { timeline } from '../history/timeline';
import type { StoryState, StoryStatus } from '../state/story-state';
import { readerClause } from './reader-clauses';
import { forReaders, sentence, timeWords } from './reader-words';

/** A story as it stands, for readers: its headline, its summary and its developments in sentences. */
export interface ReaderStory {
  readonly headline: string;
  readonly summary: string;
  readonly status: StoryStatus;
  /** The live developments in the order they happened (world time), one sentence each. */
  readonly developments: readonly ReaderDevelopment[];
}

export interface ReaderDevelopment {
  readonly developmentId: string;
  /** When it happened, in words ("7 February 2022"), where anybody said. */
  readonly when?: string;
  readonly text: string;
}

/** The story of `state` in prose: retracted developments have left it, redacted values read "[detail removed]". */
export function readerStory(state: StoryState): ReaderStory {
  return {
    headline: forReaders(state.headline),
    summary: forReaders(state.summary),
    status: state.status,
    developments: timeline(state).map((entry) => ({
      developmentId: entry.developmentId,
      ...(entry.occurredAt !== undefined && { when: forReaders(timeWords(entry.occurredAt)) }),
      text: forReaders(sentence(readerClause(entry.development, state))),
    })),
  };
}
