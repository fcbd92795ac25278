/// <reference types="jest" />
import { findPostgresBinDir, MISSING_POSTGRES_MESSAGE, TempPostgresCluster } from '../temp-cluster';

/**
 * A `describe` block with its own throwaway PostgreSQL cluster, started before its first test and
 * removed after its last (also when tests fail). Without the server binaries the block fails in CI
 * (`CI` set) with a message saying what to install, and elsewhere is skipped with the reason printed;
 * never silently.
 */
export function describeWithPostgres(name: string, body: (cluster: () => TempPostgresCluster) => void): void {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    if (process.env['CI']) {
      describe(name, () => {
        it('needs the PostgreSQL server', () => {
          throw new Error(`${MISSING_POSTGRES_MESSAGE}. In CI these tests must run.`);
        });
      });
    } else {
      console.warn(`Skipping "${name}": ${MISSING_POSTGRES_MESSAGE}. (In CI they fail instead.)`);
      describe.skip(name, () => body(() => {
        throw new Error('skipped');
      }));
    }
    return;
  }

  describe(name, () => {
    let cluster: TempPostgresCluster | undefined;
    beforeAll(async () => {
      cluster = await TempPostgresCluster.start(binDir);
    }, 60_000);
    afterAll(async () => {
      await cluster?.remove();
    }, 60_000);
    body(() => {
      if (!cluster) throw new Error('The PostgreSQL cluster did not start (see the error of beforeAll)');
      return cluster;
    });
  });
}
