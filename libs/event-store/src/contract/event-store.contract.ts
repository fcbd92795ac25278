/// <reference types="jest" />
import { describeAppendContract } from './append.contract';
import { describeAppendsTogetherContract } from './appends-together.contract';
import { useFreshStore, type EventStoreContractFactory } from './contract-fixtures';
import { describeDurabilityContract } from './durability.contract';
import { describeHashChainContract } from './hash-chain.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeListenerContract } from './listener.contract';
import { describeReadContract } from './read.contract';
import { describeRedactionContract } from './redaction.contract';
import { describeSubscriptionContract } from './subscription.contract';

export type { EventStoreContractFactory, EventStoreUnderTest } from './contract-fixtures';

/**
 * The behaviour every EventStore adapter must show, as one jest suite. An adapter's spec file calls
 * this with a factory that gives a fresh, empty store for each test. Nothing here knows which adapter
 * it runs against, so a new adapter (KurrentDB) joins by writing that factory.
 */
export interface ContractOptions {
  /** The adapter keeps its events in storage that outlives the instance: the durability cases run, and
   * each test's factory must give `reopen`. An in-memory adapter says false and skips them openly. */
  readonly durable: boolean;
  /** Several instances can share the adapter's storage at once: the cross-instance cases run, and
   * each test's factory must give `another`. */
  readonly shared: boolean;
  /** The adapter can rewrite stored events for a redaction (`rewriteEvents`); KurrentDB's events are immutable. */
  readonly rewritable?: boolean;
}

export function describeEventStoreContract(name: string, factory: EventStoreContractFactory, options: ContractOptions): void {
  describe(`${name} (EventStore contract)`, () => {
    const subject = useFreshStore(factory);
    describeAppendContract(subject);
    describeAppendsTogetherContract(subject);
    describeReadContract(subject);
    describeListenerContract(subject);
    describeIdempotencyContract(subject);
    describeHashChainContract(subject);
    describeSubscriptionContract(subject, options);
    if (options.durable) describeDurabilityContract(subject);
    if (options.rewritable !== false) describeRedactionContract(subject);
  });
}
