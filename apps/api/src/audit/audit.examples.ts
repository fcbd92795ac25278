export const RAW_EVENT_EXAMPLE = {
  revision: 3,
  globalPosition: 12,
  logIndex: 11,
  type: 'TroopEstimateRecorded',
  data: { developmentId: '01JZ6Q4A1B2C3D4E5F6G7H8J9K', force: 'Russia', location: 'near the Ukrainian border', count: 100000, qualifier: 'more-than', capabilityShare: 70, source: { name: '[redacted]' }, occurredAt: '2022-02-06T12:00:00Z' },
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
  hashScheme: 2,
  salts: {
    '/developmentId': 'q1D8mVZ2a8Xw0s5yVt1b3A==',
    '/force': 'm4Nn0hG3y6J8k2L1p9Q0rw==',
    '/location': 'Zx9c8V7b6N5m4L3k2J1h0g==',
    '/count': '3FhR8tYp0W2qL6vB9nXc1A==',
    '/qualifier': 'Jk2L3m4N5o6P7q8R9s0T1w==',
    '/capabilityShare': 'aB3dE5gH7jK9mN1pQ3sT5v==',
    '/source/name': { redacted: '8a1f3c5e7b9d2f4a6c8e0b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a' },
    '/occurredAt': 'Qw2Er4Ty6Ui8Op0As2Df4g==',
  },
};

export const AUDIT_EXAMPLE = {
  verified: true,
  events: 17,
  stateHash: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
};
