/** Examples of the read answers, taken from the seed story. */
export const STORY_LIST_EXAMPLE = {
  items: [
    {
      id: 'russia-ukraine-standoff',
      headline: 'Macron heads to Moscow as Russia masses troops near Ukraine',
      summary: 'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.',
      tags: ['russia', 'ukraine', 'nato'],
      status: 'published',
      revision: 17,
      createdAt: '2022-02-07T08:00:00.000Z',
      updatedAt: '2022-02-07T18:30:00.000Z',
      updatedBy: 'editor',
    },
  ],
  nextCursor: null,
};

/**
 * How `troopEstimates` is keyed (made by the domain's `troopEstimateKey`); said in the OpenAPI document
 * of the state and of the diff, whose paths name these keys.
 */
export const TROOP_ESTIMATE_KEY_NOTE =
  'troopEstimates is keyed by force and location: each part with every backslash written \\\\ and every ' +
  'vertical bar written \\|, the two parts joined by one unescaped | ("Russia|near the Ukrainian border"; the force ' +
  '"A|B" at "C" is "A\\|B|C"). Names without either character keep the plain force|location key. Read force and ' +
  'location from the entry rather than by splitting the key; in a diff path the key is further escaped as RFC 6901 ' +
  'requires (~ as ~0, / as ~1).';

export const STORY_DOCUMENT_EXAMPLE = {
  id: 'russia-ukraine-standoff',
  revision: 17,
  status: 'published',
  headline: 'Macron heads to Moscow as Russia masses troops near Ukraine',
  summary: 'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.',
  tags: ['russia', 'ukraine', 'nato'],
  createdAt: '2022-02-07T08:00:00.000Z',
  updatedAt: '2022-02-07T18:30:00.000Z',
  updatedBy: 'editor',
  troopEstimates: {
    'Russia|near the Ukrainian border': {
      developmentId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K',
      force: 'Russia',
      location: 'near the Ukrainian border',
      count: 100000,
      qualifier: 'more-than',
      capabilityShare: 70,
      source: { name: 'US officials' },
      occurredAt: '2022-02-06T12:00:00Z',
      recordedAt: '2022-02-07T09:10:00.000Z',
      supersedes: '01JZ6Q3V7C9X4M2B8N5K0T1R6W',
    },
  },
  meetings: {
    '01JZ6Q5M1N2P3Q4R5S6T7V8W9X': { participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07', status: 'held', topic: 'De-escalation around Ukraine' },
  },
  demands: {
    '01JZ6Q6D1E2F3G4H5J6K7M8N9P': { by: 'Russia', addressedTo: ['United States', 'NATO'], text: 'Bar Ukraine from joining NATO', status: 'rejected', rejectedBy: ['United States', 'NATO'], acceptedBy: [] },
  },
  statements: {},
  denials: {},
  deployments: {},
  notes: {},
  retracted: [],
};
