import { TOKENS } from '../support/test-app';

/** The ids the fuzzed requests aim at: one story with a troop estimate and a meeting, and one published (for the readers' routes). */
export interface Target {
  readonly story: string;
  readonly estimate: string;
  readonly meeting: string;
  readonly published: string;
}

/** A path into a body (`['changes', 'source', 'name']`). */
export type Slot = readonly string[];

/**
 * One route as a client calls it validly; the fuzz tests make it hostile in one way at a time.
 * `strings` and `numbers` are where text and numbers sit in the body, `objects` where keys may be added.
 */
export interface Endpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: (target: Target, ids?: { story?: string; development?: string }) => string;
  readonly token: string;
  readonly write: boolean;
  readonly body?: (target: Target) => Record<string, unknown>;
  readonly strings?: readonly Slot[];
  readonly numbers?: readonly Slot[];
  /** Where times sit (occurredAt, scheduledFor). */
  readonly times?: readonly Slot[];
  readonly objects?: readonly Slot[];
  /** Query parameters the route reads as whole numbers, and as text. */
  readonly numberParams?: readonly string[];
  readonly textParams?: readonly string[];
  /** Which ids its path has, to put hostile ones there. */
  readonly pathIds?: readonly ('story' | 'development')[];
  readonly live?: boolean;
}

const story = (target: Target, ids?: { story?: string }) => ids?.story ?? target.story;
const estimate = (target: Target, ids?: { development?: string }) => ids?.development ?? target.estimate;
const published = (target: Target, ids?: { story?: string }) => ids?.story ?? target.published;

/** Every route of the API. */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'open a story',
    method: 'POST',
    path: () => '/stories',
    token: TOKENS.editor,
    write: true,
    body: () => ({ slug: 'fuzz-opened', headline: 'Scholz to visit Kyiv', summary: 'A trip', tags: ['germany', 'diplomacy'], editSummary: 'why' }),
    strings: [['slug'], ['headline'], ['summary'], ['tags', '0'], ['tags', '1'], ['editSummary']],
    objects: [[]],
  },
  {
    name: 'revise a story',
    method: 'PATCH',
    path: (target, ids) => `/stories/${story(target, ids)}`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ headline: 'Scholz in Moscow', summary: 'Talks', tags: ['germany'] }),
    strings: [['headline'], ['summary'], ['tags', '0']],
    objects: [[]],
    pathIds: ['story'],
  },
  {
    name: 'record a troop estimate',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ type: 'troop-estimate', force: 'Russia', location: 'Belarus', count: 30000, capabilityShare: 70, qualifier: 'about', source: { name: 'NATO', url: 'https://example.org/a' }, note: 'On background', occurredAt: '2022-02-06T12:00:00Z' }),
    strings: [['type'], ['force'], ['location'], ['qualifier'], ['source', 'name'], ['source', 'url'], ['note'], ['occurredAt']],
    numbers: [['count'], ['capabilityShare']],
    times: [['occurredAt']],
    objects: [[], ['source']],
    pathIds: ['story'],
  },
  {
    name: 'schedule a meeting',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ type: 'meeting-scheduled', participants: ['Olaf Scholz', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-15', topic: 'Security guarantees' }),
    strings: [['participants', '0'], ['participants', '1'], ['location'], ['scheduledFor'], ['topic']],
    times: [['scheduledFor']],
    objects: [[]],
    pathIds: ['story'],
  },
  {
    name: 'make a demand',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ type: 'demand-made', by: 'Russia', addressedTo: ['NATO', 'United States'], text: 'No further enlargement' }),
    strings: [['by'], ['addressedTo', '0'], ['addressedTo', '1'], ['text']],
    objects: [[]],
    pathIds: ['story'],
  },
  {
    name: 'correct a development',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments/${estimate(target, ids)}/corrections`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ changes: { count: 35000, location: 'Belarus border', source: { name: 'US officials' }, occurredAt: '2022-02-07' }, reason: 'Revised figure' }),
    strings: [['changes', 'location'], ['changes', 'source', 'name'], ['reason'], ['changes', 'occurredAt']],
    times: [['changes', 'occurredAt']],
    numbers: [['changes', 'count']],
    objects: [[], ['changes'], ['changes', 'source']],
    pathIds: ['story', 'development'],
  },
  {
    name: 'redact a development',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments/${estimate(target, ids)}/redactions`,
    token: TOKENS.redactor,
    write: true,
    body: () => ({ paths: ['/location'], reason: 'Source at risk' }),
    strings: [['paths', '0'], ['reason']],
    objects: [[]],
    pathIds: ['story', 'development'],
  },
  {
    name: 'retract a development',
    method: 'POST',
    path: (target, ids) => `/stories/${story(target, ids)}/developments/${estimate(target, ids)}/retractions`,
    token: TOKENS.editor,
    write: true,
    body: () => ({ reason: 'Could not be confirmed' }),
    strings: [['reason']],
    objects: [[]],
    pathIds: ['story', 'development'],
  },
  ...(['publish', 'archive'] as const).map(
    (action): Endpoint => ({
      name: `${action} a story`,
      method: 'POST',
      path: (target, ids) => `/stories/${story(target, ids)}/${action}`,
      token: TOKENS.editor,
      write: true,
      body: () => ({ editSummary: 'Ready' }),
      strings: [['editSummary']],
      objects: [[]],
      pathIds: ['story'],
    }),
  ),
  { name: 'list stories', method: 'GET', path: () => '/stories', token: TOKENS.reporter, write: false, numberParams: ['limit'], textParams: ['q', 'tag', 'cursor'] },
  { name: 'read a story', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}`, token: TOKENS.reporter, write: false, numberParams: ['revision'], textParams: ['asOf'], pathIds: ['story'] },
  { name: 'revisions', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/revisions`, token: TOKENS.reporter, write: false, numberParams: ['from', 'limit'], pathIds: ['story'] },
  { name: 'diff', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/diff`, token: TOKENS.reporter, write: false, numberParams: ['from', 'to'], pathIds: ['story'] },
  { name: 'timeline', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/timeline`, token: TOKENS.reporter, write: false, textParams: ['order'], pathIds: ['story'] },
  { name: 'raw events', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/events`, token: TOKENS.auditor, write: false, pathIds: ['story'] },
  { name: 'audit', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/audit`, token: TOKENS.auditor, write: false, pathIds: ['story'] },
  {
    name: 'watch a story',
    method: 'POST',
    path: () => '/watches',
    token: TOKENS.reporter,
    write: true,
    body: (target) => ({ storyId: target.story, on: ['estimate', 'meeting'], estimateThresholdPercent: 10 }),
    strings: [['storyId'], ['on', '0']],
    numbers: [['estimateThresholdPercent']],
    objects: [[]],
  },
  { name: 'list watches', method: 'GET', path: () => '/watches', token: TOKENS.reporter, write: false },
  { name: 'stop watching', method: 'DELETE', path: () => '/watches/01JZ6Q4A1B2C3D4E5F6G7H8J9K', token: TOKENS.reporter, write: false },
  { name: 'alerts', method: 'GET', path: () => '/alerts', token: TOKENS.reporter, write: false, numberParams: ['limit'], textParams: ['since'] },
  { name: 'live alerts', method: 'GET', path: () => '/alerts/live', token: TOKENS.reporter, write: false, textParams: ['since'], live: true },
  { name: 'log checkpoint', method: 'GET', path: () => '/log/checkpoint', token: TOKENS.reporter, write: false },
  { name: 'log key', method: 'GET', path: () => '/log/key', token: TOKENS.reporter, write: false },
  { name: 'inclusion proof', method: 'GET', path: () => '/log/proofs/inclusion', token: TOKENS.auditor, write: false, numberParams: ['index', 'treeSize'] },
  { name: 'consistency proof', method: 'GET', path: () => '/log/proofs/consistency', token: TOKENS.auditor, write: false, numberParams: ['from', 'to'] },
  // Its body is text, not JSON: sent without one here (a 400), and with the fuzzers' JSON bodies (a 415).
  { name: 'verify a checkpoint', method: 'POST', path: () => '/log/verify', token: TOKENS.auditor, write: false },
  { name: 'changes', method: 'GET', path: () => '/changes', token: TOKENS.reporter, write: false, numberParams: ['since', 'before', 'limit'] },
  { name: 'live story', method: 'GET', path: (target, ids) => `/stories/${story(target, ids)}/live`, token: TOKENS.reporter, write: false, numberParams: ['lastEventId'], pathIds: ['story'], live: true },
  { name: 'live changes', method: 'GET', path: () => '/changes/live', token: TOKENS.reporter, write: false, numberParams: ['lastEventId'], live: true },
  // A watch id no one has: the query is checked before the owner, so every refusal here is the query's.
  { name: 'webhook deliveries', method: 'GET', path: () => '/watches/01JZ6Q4A1B2C3D4E5F6G7H8J9K/deliveries', token: TOKENS.reporter, write: false, numberParams: ['limit'] },
  { name: 'session', method: 'GET', path: () => '/me', token: TOKENS.reporter, write: false },
  { name: 'development types', method: 'GET', path: () => '/development-types', token: TOKENS.reporter, write: false },
  { name: 'health', method: 'GET', path: () => '/health', token: TOKENS.reporter, write: false },
  // The readers' routes need no token (like health); the one sent is ignored.
  { name: 'readers’ changelog', method: 'GET', path: (target, ids) => `/public/stories/${published(target, ids)}/changelog`, token: TOKENS.reporter, write: false, pathIds: ['story'] },
  { name: 'readers’ changelog feed', method: 'GET', path: (target, ids) => `/public/stories/${published(target, ids)}/changelog.atom`, token: TOKENS.reporter, write: false, pathIds: ['story'] },
  { name: 'reader’s page', method: 'GET', path: (target, ids) => `/public/stories/${published(target, ids)}`, token: TOKENS.reporter, write: false, pathIds: ['story'] },
  { name: 'OpenAPI document', method: 'GET', path: () => '/docs-json', token: TOKENS.reporter, write: false },
  { name: 'OpenAPI page asset', method: 'GET', path: () => '/docs/swagger-ui.css', token: TOKENS.reporter, write: false },
  { name: 'reporter page', method: 'GET', path: () => '/', token: TOKENS.reporter, write: false },
  { name: 'reporter page script', method: 'GET', path: () => '/js/api.js', token: TOKENS.reporter, write: false },
];

export const WRITES = ENDPOINTS.filter((endpoint) => endpoint.write);
