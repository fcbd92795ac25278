import type { StoryDocument } from '@story-tracker/domain';

/** The content type of every state document we send. */
export const DOCUMENT_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A story's state document at one revision, as sent: its JSON bytes and its ETag. */
export interface DocumentBytes {
  readonly storyId: string;
  readonly revision: number;
  /** `"<revision>"`, the answer's ETag. */
  readonly etag: string;
  /** `JSON.stringify` of the document, UTF-8: exactly what Fastify's serializer would have sent. */
  readonly body: Buffer;
}

/**
 * Serializes a document once, into a buffer of its own: one taken from Node's shared pool (documents
 * under 4 KiB) would keep the whole 8 KiB slab alive for as long as the cache keeps the document.
 */
export function toDocumentBytes(storyId: string, document: StoryDocument): DocumentBytes {
  const json = JSON.stringify(document);
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
  body.write(json);
  return { storyId, revision: document.revision, etag: etagOf(document.revision), body };
}

export function etagOf(revision: number): string {
  return `"${revision}"`;
}
