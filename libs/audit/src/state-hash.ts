import { toStoryDocument, type StoryState } from '@story-tracker/domain';
import { canonicalJsonSha256 } from '@story-tracker/event-store';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of the story's state document: the same document
 * `GET /stories/{id}` serves, so an auditor can compare what the API shows with what the log yields.
 */
export function stateHashOf(state: StoryState): string {
  return canonicalJsonSha256(toStoryDocument(state));
}
