/** Examples of the history answers, from the seed story. */
export const REVISIONS_EXAMPLE = {
  items: [
    {
      revision: 3,
      type: 'TroopEstimateRecorded',
      actor: 'editor',
      recordedAt: '2022-02-07T09:10:00.000Z',
      occurredAt: '2022-02-06T12:00:00Z',
      editSummary: 'Figure from US officials',
      description: 'Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)',
      developmentId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K',
    },
  ],
  nextFrom: 4,
  latestRevision: 17,
};

export const DIFF_EXAMPLE = {
  from: 2,
  to: 3,
  changes: [
    { op: 'replace', path: '/revision', before: 2, after: 3 },
    { op: 'replace', path: '/troopEstimates/Russia|near the Ukrainian border/count', before: 92000, after: 100000 },
  ],
  descriptions: ['Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)'],
  text: {
    headline: [
      { op: 'equal', text: 'Macron ' },
      { op: 'delete', text: 'heads to' },
      { op: 'insert', text: 'meets Putin in' },
      { op: 'equal', text: ' Moscow' },
    ],
  },
};

export const TIMELINE_EXAMPLE = {
  items: [
    {
      developmentId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W',
      type: 'troop-estimate',
      occurredAt: '2022-01-20T00:00:00Z',
      recordedAt: '2022-02-07T09:00:00.000Z',
      revision: 2,
      lateRecorded: false,
      description: 'Troop estimate for Russia near the Ukrainian border: 92,000',
    },
  ],
};
