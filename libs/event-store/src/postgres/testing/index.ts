// Test-only entry point (@story-tracker/event-store/testing): a throwaway PostgreSQL cluster for any
// test that needs the real server, and the describe block that starts, skips or fails it; SQLite
// store files in a folder of their own.
export { describeWithPostgres } from './describe-with-postgres';
export { TempPostgresCluster, findPostgresBinDir, MISSING_POSTGRES_MESSAGE } from '../temp-cluster';
export { SqliteFileStores } from '../../sqlite/testing/sqlite-file-stores';
