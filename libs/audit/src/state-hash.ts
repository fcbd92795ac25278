import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { toStoryDocument, type StoryState } from '@story-tracker/domain';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of the story's state document: the same document
 * `GET /stories/{id}` serves, so an auditor can compare what the API shows with what the log yields.
 */
export function stateHashOf(state: StoryState): string {
  const canonical = canonicalize(toStoryDocument(state));
  if (canonical === undefined) throw new TypeError('The story document cannot be written as JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
