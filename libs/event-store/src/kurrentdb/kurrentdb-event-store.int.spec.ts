import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract';
import type { EventStore } from '../event-store.port';
import { openKurrentDbEventStore } from './kurrentdb-event-store';

// The one contract suite, on a real KurrentDB (25.1+) named by KURRENTDB_CONNECTION_STRING, e.g.
//   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' scripts/with-node.sh npx jest libs/event-store/src/kurrentdb
// Each case gets its own namespace on the server, so it sees an empty store. Without a server the
// suite is reported as skipped (never as passed) and says why: no KurrentDB can be faked honestly.
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    'KurrentDbEventStore',
    async () => {
      const namespace = `contract-${randomUUID()}/`;
      const opened: EventStore[] = [];
      const open = async () => {
        const store = await openKurrentDbEventStore({ connectionString, namespace });
        opened.push(store);
        return store;
      };
      return {
        store: await open(),
        reopen: open,
        another: open,
        cleanup: async () => {
          for (const store of opened) await store.close();
        },
      };
    },
    { durable: true, shared: true, rewritable: false },
  );
} else {
  process.stderr.write('Skipping the KurrentDB contract suite: KURRENTDB_CONNECTION_STRING is not set (no KurrentDB server here). It has NOT run.\n');
  describe.skip('KurrentDbEventStore (EventStore contract): needs KURRENTDB_CONNECTION_STRING', () => {
    it('runs the contract suite against a real KurrentDB 25.1+', () => undefined);
  });
}
