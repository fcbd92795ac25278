// The public face of @story-tracker/event-store. The contract suite that every adapter must pass is
// published separately as @story-tracker/event-store/contract, so production code never loads jest.
export type {
  AppendOptions,
  AppendResult,
  CommitWakeUp,
  EncodedStoredEvent,
  EventRewrite,
  EventStore,
  ExpectedRevision,
  IdempotencyRecord,
  NewEvent,
  RevisionRange,
  StoredEvent,
  Unsubscribe,
} from './event-store.port';
export {
  EventStoreUnavailableError,
  IdempotencyKeyTakenError,
  RedactionNeedsCommitmentsError,
  RewriteChangesHashError,
  WrongExpectedRevisionError,
} from './event-store.errors';
export {
  CURRENT_HASH_SCHEME,
  HASH_SCHEME_COMMITMENTS,
  HASH_SCHEME_PLAIN,
  commitmentOf,
  hashSchemeOf,
  leafPointers,
  type SaltEntry,
  type Salts,
} from './chain/commitments';
export { erasureRewrites, eraseValues, type ErasureTarget } from './redaction/erase-values';
export { decodeStoredEvent, encodeStoredEvent, readAllEncoded, readStreamPages, type StreamPage } from './encoded-events';
export { GENESIS_HASH, chainHash, expectedHash, type ChainedContent } from './hash-chain';
export { canonicalJson, canonicalJsonSha256 } from './chain/canonical-json';
export { pooledRandomBytes, pooledRandomFraction } from './chain/random-pool';
export { ChainVerifier, type ChainSegmentStart, type ChainVerification } from './chain/chain-verifier';
export { joinChainSegments, type ChainSegment } from './chain/chain-segments';
export { ParallelChainVerifier } from './chain/parallel-chain-verifier';
export { verifyChain, type VerifyChainOptions } from './chain/verify-chain';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export type { NewSnapshot, Snapshot, SnapshotMark, SnapshotStore } from './snapshots/snapshot-store.port';
export { InMemorySnapshotStore } from './snapshots/in-memory-snapshot-store';
export { snapshotsOf } from './snapshots/snapshots-of';
export { NoSnapshotStore } from './snapshots/no-snapshots';
export type {
  AttemptOutcome,
  ClaimedWebhookDelivery,
  ClaimOptions,
  NewWebhookDelivery,
  WebhookAttempt,
  WebhookDeliveryState,
  WebhookDeliveryStatus,
  WebhookOutbox,
} from './outbox/webhook-outbox.port';
export { InMemoryWebhookOutbox } from './outbox/in-memory-webhook-outbox';
export { outboxOf } from './outbox/outbox-of';
export {
  SqliteEventStore,
  openSqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite-event-store';
export { emptyWal, enableWalMode } from './sqlite/wal-mode';
export { migrateSqliteFile } from './sqlite/sqlite-schema';
export {
  PostgresEventStore,
  openPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
// A throwaway local cluster of the machine's PostgreSQL server, for the tests and the bench.
export { TempPostgresCluster, findPostgresBinDir } from './postgres/temp-cluster';
export { subscribeToAll, subscribeToAllEncoded, type AllSubscription, type AllSubscriptionOptions } from './subscription/subscribe-to-all';
// The KurrentDB adapter is its own entry, @story-tracker/event-store/kurrentdb, loaded only when it is
// used: its client (gRPC) takes about 170 ms to load, which every start on another store would pay.
