import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logIdentityOptionsOf, type AppConfig } from '@story-tracker/runtime';
import { LOG_KEY_FILE, LOG_ORIGIN_FILE, loadLogIdentity, type LogPublicKey, type LogSigningKey } from '@story-tracker/verifiable-log';
import { CliUsageError } from '../../cli-exit';

/**
 * The log's key, from the same settings as the API's. The API makes a key and an origin on its first
 * start; the CLI never does: a key it made would sign a log of its own that no witness has pinned, and
 * an auditor's tool must not create what it is asked to inspect.
 */
export function loadLogKey(config: AppConfig): LogSigningKey {
  const options = logIdentityOptionsOf(config);
  if (options.dataDir !== undefined) {
    if (options.keyFile === undefined) requireKept(options.dataDir, LOG_KEY_FILE, 'LOG_SIGNING_KEY_FILE');
    if (options.origin === undefined) requireKept(options.dataDir, LOG_ORIGIN_FILE, 'LOG_ORIGIN');
  }
  try {
    return loadLogIdentity(options).key;
  } catch (error) {
    throw new CliUsageError(`the log's key cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The key signatures are checked with: the one pinned by --key, else the log's own. */
export function verifyingKey(config: AppConfig, pinned: LogPublicKey | undefined): LogPublicKey {
  return pinned ?? loadLogKey(config);
}

function requireKept(dataDir: string, name: string, setting: string): void {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    throw new CliUsageError(`no ${file}: the API makes it on its first start (set DATA_DIR to the API's data folder, or ${setting})`);
  }
}
