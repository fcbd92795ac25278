import { unsupportedNodeMessage } from './supported-node';

/**
 * Imported first by every entry point (API, CLI, seed, bench), before anything that could fail in a
 * confusing way on an older Node (a native module built for another ABI, an ESM-only dependency): an
 * unsupported runtime stops here with one line that names the version it needs.
 */
const message = unsupportedNodeMessage(process.versions.node);
if (message !== undefined) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
