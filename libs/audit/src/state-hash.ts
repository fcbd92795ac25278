import { createHash } from 'node:crypto';
import { toStoryDocument, type StoryState } from '@story-tracker/domain';
import { canonicalJson } from '@story-tracker/event-store';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of the story's state document: the same document
 * `GET /stories/{id}` serves, so an auditor can compare what the API shows with what the log yields.
 */
export function stateHashOf(state: StoryState): string {
  const canonical = canonicalJson(toStoryDocument(state));
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
