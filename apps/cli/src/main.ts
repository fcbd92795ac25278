// First, before anything that an older Node.js would fail on less clearly.
import '@story-tracker/runtime/require-supported-node';
import 'reflect-metadata';
import { runCli } from './run-cli';

/**
 * `npm run cli -- <command>`: the auditors' command line (export, verify, replay, log …); see USAGE in
 * cli-arguments.ts. Nest is used as a standalone application context (no HTTP server), as for every
 * app here: it gives the CLI the API's configuration and event store modules unchanged.
 */

// A reader that goes away early (`export … | head`) is not an error: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
