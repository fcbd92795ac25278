import { parseArgs } from 'node:util';
import { onlyOptions, revisionOf, storyOf } from './argument-checks';
import { CliUsageError } from './cli-exit';
import { parseLogArguments, type LogCommand } from './log-arguments';

/**
 * The command line, parsed with node:util `parseArgs` rather than a library: a handful of commands and
 * options need no more, it adds no dependency to keep pinned (commander's `latest`, 15, wants Node 22), and it
 * never calls process.exit or writes to the console itself, so `runCli` stays testable in-process.
 */

export const USAGE = `Usage: story-tracker-cli <command> [options]

Commands:
  export <story>                     the story's raw event log as NDJSON on stdout, one event a line
  export --all                       every event of the store, in global order, with its stream, metadata
                                     and hashes, as NDJSON on stdout: what import reads (moving stores)
  import <file>                      appends the events of an export --all file to this store, each chain
                                     checked before anything is written; a re-run skips what is there
  verify <story> | --all             recompute hash chains and replay; one line per story:
                                     "<story>: ok (...)" or "<story>: BROKEN at revision N (problem)"
  replay <story> [--revision N]      the state document as it stood at revision N (default: latest)
         [--unverified]              show it even if the chain up to N is broken (still exits 1)

The verifiable log, recomputed from the events each time (every hash checked; nothing else is trusted):
  log checkpoint [--json]            today's checkpoint, signed with the log's key, as GET /log/checkpoint
                                     gives it (--json: { origin, treeSize, rootHash, checkpoint })
  log verify --checkpoint FILE       whether today's log extends a checkpoint issued before; one line:
         [--key KEY] [--json]        "consistent: ..." or "NOT CONSISTENT: ..."
  log prove <story> <revision>       the inclusion proof of the event in today's tree (or, --checkpoint,
         [--checkpoint FILE]         in the tree of the checkpoint's size), verified against its root
         [--key KEY] [--json]
  log witness --file W [--key KEY]   keeps W, a JSON file { verifierKey, checkpoint }: the first run pins
                                     the key and writes today's checkpoint; each later run checks that
                                     today's log extends W's checkpoint, and only then advances it

Options:
  --key KEY                          check signatures with this C2SP verifier key (<name>+<key id>+<key>,
                                     as GET /log/key gives it) instead of the log's own key
  --no-progress                      never show progress on stderr
  -h, --help                         this text

Reads DATA_DIR (default ./data) and EVENT_STORE (default sqlite) like the API, and for the log its key
and origin: LOG_SIGNING_KEY_FILE and LOG_ORIGIN, or the ones the API keeps in DATA_DIR.
Exit codes: 0 done, and every chain, checkpoint or proof checked holds; 1 a chain is broken, a
checkpoint is not consistent or not signed by the key, a proof fails, or a run failed;
2 bad arguments or configuration, an unreadable checkpoint, unknown story or revision.
`;

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'export'; readonly storyId: string; readonly progress: boolean }
  | { readonly kind: 'export-all'; readonly progress: boolean }
  | { readonly kind: 'import'; readonly file: string; readonly progress: boolean }
  | { readonly kind: 'verify'; readonly storyId: string | 'all'; readonly progress: boolean }
  | {
      readonly kind: 'replay';
      readonly storyId: string;
      readonly revision?: number;
      readonly unverified: boolean;
      readonly progress: boolean;
    }
  | LogCommand;

const OPTIONS = {
  all: { type: 'boolean' },
  revision: { type: 'string' },
  unverified: { type: 'boolean' },
  checkpoint: { type: 'string' },
  key: { type: 'string' },
  file: { type: 'string' },
  json: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv (without node and the script); throws `CliUsageError` on anything it cannot run. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const { values, positionals } = parse(argv);
  const [name, ...rest] = positionals;
  if (values.help || name === 'help') return { kind: 'help' };
  const progress = !values['no-progress'];
  switch (name) {
    case 'export':
      onlyOptions(name, values, ['all']);
      if (values.all) {
        if (rest.length > 0) throw new CliUsageError('export takes either a story or --all, not both');
        return { kind: 'export-all', progress };
      }
      return { kind: 'export', storyId: storyOf(name, rest), progress };
    case 'import':
      onlyOptions(name, values, []);
      if (rest.length !== 1) throw new CliUsageError('import takes one file: what export --all wrote');
      return { kind: 'import', file: rest[0]!, progress };
    case 'verify':
      onlyOptions(name, values, ['all']);
      if (values.all) {
        if (rest.length > 0) throw new CliUsageError('verify takes either a story or --all, not both');
        return { kind: 'verify', storyId: 'all', progress };
      }
      return { kind: 'verify', storyId: storyOf(name, rest), progress };
    case 'replay': {
      onlyOptions(name, values, ['revision', 'unverified']);
      const storyId = storyOf(name, rest);
      const revision = values.revision === undefined ? undefined : revisionOf(values.revision);
      return { kind: 'replay', storyId, ...(revision !== undefined && { revision }), unverified: values.unverified === true, progress };
    }
    case 'log':
      return parseLogArguments(rest, values, progress);
    case undefined:
      throw new CliUsageError('no command given');
    default:
      throw new CliUsageError(`unknown command "${name}"`);
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs says what is wrong (unknown option, missing value); keep its words.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}
