import { pooledRandomFraction } from '@story-tracker/event-store';
import { monotonicFactory } from 'ulid';

/** The app's one source of time; tests may replace it. The domain never reads the clock itself. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** New ids (development ids): ULIDs, sortable by creation time. */
export abstract class IdGenerator {
  abstract next(): string;
}

export class UlidGenerator extends IdGenerator {
  // Random characters from the process's pool of CSPRNG bytes: ulid's default asks the generator once per character.
  private readonly ulid = monotonicFactory(pooledRandomFraction);

  next(): string {
    return this.ulid();
  }
}
