import { isStorySlug } from '@story-tracker/domain';
import { CliUsageError } from './cli-exit';

/** The checks every command's arguments share: a story id, a revision, the options a command takes. */

export function storyOf(command: string, rest: readonly string[]): string {
  if (rest.length === 0) throw new CliUsageError(`${command} needs a story id`);
  if (rest.length > 1) throw new CliUsageError(`${command} takes one story id, got ${rest.length}: ${rest.join(' ')}`);
  return storySlugOf(rest[0]!);
}

export function storySlugOf(storyId: string): string {
  if (!isStorySlug(storyId)) {
    throw new CliUsageError(`"${storyId}" is not a story id (lowercase letters, digits and single hyphens, 3 to 80 characters)`);
  }
  return storyId;
}

export function revisionOf(text: string, label = '--revision'): number {
  const revision = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(revision) || revision < 1) {
    throw new CliUsageError(`${label} must be a whole number from 1, not "${text}"`);
  }
  return revision;
}

/**
 * Refuses every option given that the command does not take. An allow-list rather than a list of
 * what to refuse, so that an option added for one command is refused by all the others from the start.
 */
export function onlyOptions(command: string, values: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  const always = ['no-progress', 'help'];
  const misplaced = Object.entries(values).filter(([name, value]) => value !== undefined && value !== false && !always.includes(name) && !allowed.includes(name));
  if (misplaced.length > 0) throw new CliUsageError(`${command} does not take ${misplaced.map(([name]) => `--${name}`).join(', ')}`);
}

/** A file named by an option: present and not empty. */
export function fileOption(command: string, option: string, value: string | undefined): string {
  if (value === undefined) throw new CliUsageError(`${command} needs --${option} FILE`);
  if (value.trim() === '') throw new CliUsageError(`--${option} needs a file name, not an empty string`);
  return value;
}
