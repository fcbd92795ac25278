import { EventStoreUnavailableError } from '../event-store.errors';
import { openKurrentDbEventStore } from './kurrentdb-event-store';

// No KurrentDB here, but a port nobody listens on is real: the client's own failure to connect must
// come out as the port's EventStoreUnavailableError (the API's 503), with nothing of the server faked.
describe('KurrentDbEventStore without a reachable server', () => {
  it('refuses to open with EventStoreUnavailableError', async () => {
    const opening = openKurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false&defaultDeadline=2000&discoveryInterval=50&maxDiscoverAttempts=2' });
    await expect(opening).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(opening).rejects.toMatchObject({ outcomeUnknown: false, message: expect.stringMatching(/KurrentDB cannot be reached/) });
  }, 20_000);
});
