// Test-only entry point: the behaviour every EventStore adapter must show, as a jest suite.
export {
  describeEventStoreContract,
  type ContractOptions,
  type EventStoreContractFactory,
  type EventStoreUnderTest,
} from './event-store.contract';
export { describeSnapshotStoreContract, type SnapshotStoreContractFactory, type SnapshotStoreUnderTest } from './snapshot.contract';
export { describeWebhookOutboxContract, type WebhookOutboxContractFactory, type WebhookOutboxUnderTest } from './webhook-outbox.contract';
