import { parseArgs } from 'node:util';
import { isStorySlug } from '@story-tracker/domain';
import { CliUsageError } from './cli-exit';

/**
 * The command line, parsed with node:util `parseArgs` rather than a library: three commands and four
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

Options:
  --no-progress                      never show progress on stderr
  -h, --help                         this text

Reads DATA_DIR (default ./data) and EVENT_STORE (default sqlite) like the API.
Exit codes: 0 done and every chain checked holds; 1 a chain is broken or a run failed;
2 bad arguments or configuration, unknown story or revision.
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
    };

const OPTIONS = {
  all: { type: 'boolean' },
  revision: { type: 'string' },
  unverified: { type: 'boolean' },
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
      refuseOptions(name, { '--revision': values.revision, '--unverified': values.unverified });
      if (values.all) {
        if (rest.length > 0) throw new CliUsageError('export takes either a story or --all, not both');
        return { kind: 'export-all', progress };
      }
      return { kind: 'export', storyId: storyOf(name, rest), progress };
    case 'import':
      refuseOptions(name, { '--all': values.all, '--revision': values.revision, '--unverified': values.unverified });
      if (rest.length !== 1) throw new CliUsageError('import takes one file: what export --all wrote');
      return { kind: 'import', file: rest[0]!, progress };
    case 'verify':
      refuseOptions(name, { '--revision': values.revision, '--unverified': values.unverified });
      if (values.all) {
        if (rest.length > 0) throw new CliUsageError('verify takes either a story or --all, not both');
        return { kind: 'verify', storyId: 'all', progress };
      }
      return { kind: 'verify', storyId: storyOf(name, rest), progress };
    case 'replay': {
      refuseOptions(name, { '--all': values.all });
      const storyId = storyOf(name, rest);
      const revision = values.revision === undefined ? undefined : revisionOf(values.revision);
      return { kind: 'replay', storyId, ...(revision !== undefined && { revision }), unverified: values.unverified === true, progress };
    }
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

function storyOf(command: string, rest: readonly string[]): string {
  if (rest.length === 0) throw new CliUsageError(`${command} needs a story id`);
  if (rest.length > 1) throw new CliUsageError(`${command} takes one story id, got ${rest.length}: ${rest.join(' ')}`);
  const storyId = rest[0]!;
  if (!isStorySlug(storyId)) {
    throw new CliUsageError(`"${storyId}" is not a story id (lowercase letters, digits and single hyphens, 3 to 80 characters)`);
  }
  return storyId;
}

function revisionOf(text: string): number {
  const revision = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(revision) || revision < 1) {
    throw new CliUsageError(`--revision must be a whole number from 1, not "${text}"`);
  }
  return revision;
}

function refuseOptions(command: string, given: Record<string, unknown>): void {
  const misplaced = Object.entries(given).filter(([, value]) => value !== undefined && value !== false);
  if (misplaced.length > 0) throw new CliUsageError(`${command} does not take ${misplaced.map(([option]) => option).join(', ')}`);
}
