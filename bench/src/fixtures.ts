/** The requests every case sends: the same bodies to our API and to the bare baselines. */

export const STORY_SLUG = 'bench-russia-ukraine-standoff';

export const OPEN_STORY_BODY = {
  slug: STORY_SLUG,
  headline: 'Macron heads to Moscow as Russia masses troops near Ukraine',
  summary: 'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.',
  tags: ['russia', 'ukraine', 'nato'],
};

/**
 * A troop estimate with every optional field. The same force and location each time, so the
 * current state keeps one estimate (each new one supersedes the last) and the GET answer stays the
 * same size however many POSTs ran before it.
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

export const BENCH_EDITOR = { actor: 'bench-editor', token: 'bench-editor-token-0123456789' } as const;
