export const RAW_EVENT_EXAMPLE = {
  revision: 3,
  globalPosition: 12,
  logIndex: 11,
  type: 'TroopEstimateRecorded',
  data: { developmentId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K', force: 'Russia', location: 'near the Ukrainian border', count: 100000, qualifier: 'more-than', capabilityShare: 70, source: { name: 'US officials' }, occurredAt: '2022-02-06T12:00:00Z' },
  actor: 'editor',
  recordedAt: '2022-02-07T09:10:00.000Z',
  occurredAt: '2022-02-06T12:00:00Z',
  editSummary: 'Figure from US officials',
  correlationId: '01JZ6Q4A0000000000000000RQ',
  causationId: null,
  idempotencyKey: 'troops-100k',
  schemaVersion: 2,
  hash: '5d41402abc4b2a76b9719d911017c592ae3c1e5b0f2b1c4d8e7f6a5b4c3d2e1f',
  previousHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

export const AUDIT_EXAMPLE = {
  verified: true,
  events: 17,
  stateHash: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
};
