import { parseVerifierKey, type LogPublicKey } from '@story-tracker/verifiable-log';
import { fileOption, onlyOptions, revisionOf, storySlugOf } from './argument-checks';
import { CliUsageError } from './cli-exit';

/** The `log …` commands: the verifiable log recomputed from the events, its checkpoints and proofs. */
export type LogCommand =
  | { readonly kind: 'log-checkpoint'; readonly json: boolean; readonly progress: boolean }
  | {
      readonly kind: 'log-verify';
      readonly checkpointFile: string;
      readonly key?: LogPublicKey;
      readonly json: boolean;
      readonly progress: boolean;
    }
  | {
      readonly kind: 'log-prove';
      readonly storyId: string;
      readonly revision: number;
      readonly checkpointFile?: string;
      readonly key?: LogPublicKey;
      readonly json: boolean;
      readonly progress: boolean;
    }
  | { readonly kind: 'log-witness'; readonly file: string; readonly key?: LogPublicKey; readonly progress: boolean };

export interface LogOptionValues {
  readonly checkpoint?: string;
  readonly key?: string;
  readonly file?: string;
  readonly json?: boolean;
  readonly [other: string]: unknown;
}

const SUBCOMMANDS = 'checkpoint, verify, prove or witness';

/** `rest`: the positionals after `log`. Throws `CliUsageError` on anything it cannot run. */
export function parseLogArguments(rest: readonly string[], values: LogOptionValues, progress: boolean): LogCommand {
  const [sub, ...positionals] = rest;
  const name = `log ${sub ?? ''}`.trim();
  const json = values.json === true;
  switch (sub) {
    case 'checkpoint':
      onlyOptions(name, values, ['json']);
      noPositionals(name, positionals);
      return { kind: 'log-checkpoint', json, progress };
    case 'verify':
      onlyOptions(name, values, ['checkpoint', 'key', 'json']);
      noPositionals(name, positionals);
      return { kind: 'log-verify', checkpointFile: fileOption(name, 'checkpoint', values.checkpoint), ...keyOf(values.key), json, progress };
    case 'prove': {
      onlyOptions(name, values, ['checkpoint', 'key', 'json']);
      if (positionals.length !== 2) throw new CliUsageError(`log prove takes a story id and a revision, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
      if (values.key !== undefined && values.checkpoint === undefined) throw new CliUsageError("log prove takes --key only with --checkpoint (it checks the checkpoint's signature)");
      const storyId = storySlugOf(positionals[0]!);
      const revision = revisionOf(positionals[1]!, 'the revision');
      const checkpoint = values.checkpoint === undefined ? {} : { checkpointFile: fileOption(name, 'checkpoint', values.checkpoint) };
      return { kind: 'log-prove', storyId, revision, ...checkpoint, ...keyOf(values.key), json, progress };
    }
    case 'witness':
      onlyOptions(name, values, ['file', 'key']);
      noPositionals(name, positionals);
      return { kind: 'log-witness', file: fileOption(name, 'file', values.file), ...keyOf(values.key), progress };
    case undefined:
      throw new CliUsageError(`log needs a command: ${SUBCOMMANDS}`);
    default:
      throw new CliUsageError(`unknown log command "${sub}" (${SUBCOMMANDS})`);
  }
}

function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new CliUsageError(`${command} takes no arguments, got: ${positionals.join(' ')}`);
}

/** --key: a C2SP note verifier key, checked here so that a mistyped one is a usage error, not a failed check. */
function keyOf(text: string | undefined): { key?: LogPublicKey } {
  if (text === undefined) return {};
  const key = parseVerifierKey(text);
  if (!key) throw new CliUsageError('--key must be a C2SP verifier key, <name>+<8 hex digits>+<base64 Ed25519 key> (what GET /log/key gives as verifierKey)');
  return { key };
}
