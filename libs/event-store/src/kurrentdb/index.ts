// @story-tracker/event-store/kurrentdb: the KurrentDB adapter, a separate entry so that its client is
// loaded only by a process that uses it (see libs/runtime's openEventStore).
export { KurrentDbEventStore, openKurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
