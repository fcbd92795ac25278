import type { EntryCollection } from '../developments/registry';
import { encodedLine, type EncodedEntries } from '../state/encoded-entries';
import type { LayeredMap } from '../state/layered-map';
import type { DemandView, MeetingView, TroopEstimateView } from '../state/entities';
import type { Redaction } from '../redaction/redaction';
import type { StoryState } from '../state/story-state';
import { ENTRY_COLLECTIONS, type DevelopmentEntry } from '../state/story-views';

export type { DevelopmentEntry } from '../state/story-views';

/** The fields the document takes from the state as they are. */
const STORY_HEADER_FIELDS = ['id', 'revision', 'status', 'headline', 'summary', 'tags', 'createdAt', 'updatedAt', 'updatedBy'] as const;
type StoryHeaderField = (typeof STORY_HEADER_FIELDS)[number];

/**
 * The current-state document of the contract. Collections are objects keyed by id so that a diff
 * path names the entry (`/meetings/01J.../status`), not an array index. The collections of
 * developments shown on their own (statements, denials, deployments, notes…) are those the
 * development types name (`document: { kind: 'entry', collection }`).
 */
export type StoryDocument = Pick<StoryState, StoryHeaderField> & {
  readonly troopEstimates: Readonly<Record<string, TroopEstimateView>>;
  readonly meetings: Readonly<Record<string, Omit<MeetingView, 'developmentId'>>>;
  readonly demands: Readonly<Record<string, Omit<DemandView, 'developmentId'>>>;
} & { readonly [C in EntryCollection]: Readonly<Record<string, DevelopmentEntry>> } & {
  readonly retracted: readonly string[];
  /**
   * Development id → its redactions (which paths, why, when, by whom): the values show as "[redacted]".
   * Absent while the story has none, so the documents (and state hashes) of every story recorded before
   * redaction existed stay what they were.
   */
  readonly redactions?: Readonly<Record<string, readonly Redaction[]>>;
};

/** The document's own fields, as the state has them. */
function headerOf(state: StoryState): Pick<StoryState, StoryHeaderField> {
  return Object.fromEntries(STORY_HEADER_FIELDS.map((field) => [field, state[field]])) as Pick<StoryState, StoryHeaderField>;
}

/** The document's collections, by name, in the document's order: what `toStoryDocument` and `storyDocumentPieces` both write. */
function documentCollections({ views }: StoryState): [string, LayeredMap<string, unknown>][] {
  return [
    ['troopEstimates', views.troopEstimates],
    ['meetings', views.meetings],
    ['demands', views.demands],
    ...ENTRY_COLLECTIONS.map((collection): [string, LayeredMap<string, unknown>] => [collection, views.entries[collection]]),
  ];
}

/** Documents already made, by state: a state is a value, so its document never changes. */
const documents = new WeakMap<StoryState, StoryDocument>();

/**
 * The reader-facing document of a story's state. Retracted developments have left it. Its
 * collections are kept up to date by `evolve`, so this costs the size of the document, and is made
 * once per state.
 */
export function toStoryDocument(state: StoryState): StoryDocument {
  const made = documents.get(state);
  if (made) return made;
  const collections = Object.fromEntries(documentCollections(state).map(([name, entries]) => [name, entries.toObject()]));
  const document = {
    ...headerOf(state),
    ...collections,
    retracted: state.retracted.toArray(),
    ...(state.redactions.size > 0 && { redactions: state.redactions.toObject() }),
  } as unknown as StoryDocument;
  // Shared by every reader of this state, so nobody may change it.
  Object.freeze(document);
  documents.set(state, document);
  return document;
}

/**
 * The document's JSON text (`JSON.stringify(toStoryDocument(state))`, to the byte) in pieces: text,
 * and the UTF-8 bytes of runs of entries a decoded snapshot holds as they were written (EncodedEntries:
 * a view's line is its member of the document), copied without being parsed or written again. A long
 * story's document is several MiB, and a read folded on from a snapshot changed a few hundred entries.
 */
export function storyDocumentPieces(state: StoryState): (string | Uint8Array)[] {
  const header = JSON.stringify(headerOf(state));
  const pieces: (string | Uint8Array)[] = [header === '{}' ? '{' : `${header.slice(0, -1)},`];
  for (const [name, entries] of documentCollections(state)) {
    // Each member is written with its comma; the collection's last one loses it at the end.
    let text = `${JSON.stringify(name)}:{`;
    let inOrder = true;
    entries.forEachEncoded(
      (key, value) => {
        inOrder &&= isPlainPropertyName(key);
        text += encodedLine(key, value);
      },
      (base, first, last) => {
        if (!base.named) throw new TypeError(`The lines of ${name} are not members of a document`);
        inOrder &&= allPlainPropertyNames(base);
        pieces.push(text, ...base.lines(first, last));
        text = '';
      },
    );
    // An object puts keys that are array indices first, and "__proto__" is no property of it.
    if (!inOrder) return [JSON.stringify(toStoryDocument(state))];
    const last = pieces[pieces.length - 1]!;
    if (text.endsWith(',')) text = text.slice(0, -1);
    else if (text === '' && typeof last !== 'string') pieces[pieces.length - 1] = last.subarray(0, last.byteLength - 1);
    pieces.push(`${text}},`);
  }
  const redactions = state.redactions.size > 0 ? `,"redactions":${JSON.stringify(state.redactions.toObject())}` : '';
  pieces.push(`"retracted":${JSON.stringify(state.retracted.toArray())}${redactions}}`);
  return pieces;
}

/** Per decoded collection, whether every key of it is a plain property name: asked at every document made from it. */
const plainNames = new WeakMap<EncodedEntries<unknown>, boolean>();

function allPlainPropertyNames(entries: EncodedEntries<unknown>): boolean {
  let plain = plainNames.get(entries);
  if (plain === undefined) {
    plain = true;
    for (const key of entries.keys()) plain &&= isPlainPropertyName(key);
    plainNames.set(entries, plain);
  }
  return plain;
}

/** Whether an object keeps this key in its place as a property of its own (not an array index, not "__proto__"). */
function isPlainPropertyName(key: string): boolean {
  // An array index is "0" or a digit 1-9 followed by digits, below 2^32 - 1: ten digits at most.
  if (key.length <= 10 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295) return false;
  return key !== '__proto__';
}
