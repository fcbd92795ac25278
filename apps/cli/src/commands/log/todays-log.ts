import type { EventStore } from '@story-tracker/event-store';
import { readLog, type LogReading, type ReadLogOptions } from '@story-tracker/verifiable-log';
import type { CliIo } from '../../io/cli-io';
import { startProgress } from '../../io/progress';

/**
 * Today's log as the CLI knows it: recomputed from every event of the store (each hash from its
 * content, each link, dense positions), never read from the API's tile database, which is only a faster
 * way to the same roots and is exactly what a forger would change along with the events.
 */
export async function readTodaysLog(
  store: EventStore,
  io: CliIo,
  options: { readonly progress: boolean } & Pick<ReadLogOptions, 'sizes' | 'onLeaf'>,
): Promise<LogReading> {
  const head = await store.headPosition();
  const bar = startProgress(io.stderr, 'reading the log', head, { enabled: options.progress });
  try {
    return await readLog(store, {
      ...(options.sizes && { sizes: options.sizes }),
      ...(options.onLeaf && { onLeaf: options.onLeaf }),
      onProgress: (read) => bar.update(Math.min(read, head)),
    });
  } finally {
    bar.stop();
  }
}
