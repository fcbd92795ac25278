/** The stories and requests every case uses: the same bodies go to our API and to the baselines. */

/** The story the append case writes to; the long-story read case reads it afterwards. */
export const APPEND_STORY = 'bench-append';
/** The stories of the many-stories append case: one per connection. */
export const APPEND_STORIES: readonly string[] = Array.from({ length: 10 }, (_, index) => `bench-append-${index + 1}`);

/** A story of typical length (READ_STORY_DEVELOPMENTS) for the current-state read case. */
export const READ_STORY = 'bench-read';

export function openStoryBody(slug: string) {
  return {
    slug,
    headline: 'Macron heads to Moscow as Russia masses troops near Ukraine',
    summary: 'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.',
    tags: ['russia', 'ukraine', 'nato'],
  };
}

/**
 * A troop estimate with every optional field. The same force and location each time, so a story's
 * current state keeps one estimate (each new one supersedes the last) however many are recorded.
 */
export const TROOP_ESTIMATE_BODY = {
  type: 'troop-estimate',
  force: 'Russia',
  location: 'near the Ukrainian border',
  count: 100000,
  qualifier: 'more-than',
  capabilityShare: 70,
  occurredAt: '2022-02-06T12:00:00Z',
  source: { name: 'US officials', url: 'https://example.org/briefing' },
  note: 'Figure given on background',
};

/** How many developments the read story gets: a story followed closely for some weeks. */
export const READ_STORY_LENGTH = 100;

/**
 * The read story's developments: troop estimates, statements, meetings, demands and notes in turn,
 * so that its current state has entries in most collections, as a real story's would.
 */
export function readStoryDevelopments(): Record<string, unknown>[] {
  const kinds = [
    (i: number) => ({ ...TROOP_ESTIMATE_BODY, count: 100000 + i * 1000, occurredAt: day(i) }),
    (i: number) => ({ type: 'statement', speaker: 'Vladimir Putin', text: `Russia has no plans to invade (statement ${i})`, outlet: 'TASS', occurredAt: day(i) }),
    (i: number) => ({ type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: day(i + 1).slice(0, 10), topic: 'De-escalation around Ukraine' }),
    (i: number) => ({ type: 'demand-made', by: 'Russia', addressedTo: ['NATO', 'United States'], text: `Security guarantees, round ${i}` }),
    (i: number) => ({ type: 'note', text: `Correspondent in Kyiv reports calm streets (${i})`, source: { name: 'Our correspondent' } }),
  ];
  return Array.from({ length: READ_STORY_LENGTH }, (_, i) => kinds[i % kinds.length]!(i));
}

function day(i: number): string {
  return new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString();
}

export const BENCH_EDITOR = { actor: 'bench-editor', token: 'bench-editor-token-0123456789' } as const;
