import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsString, MinLength, ValidateNested, validateSync } from 'class-validator';
import { ROLES, type Role } from './roles';
import type { TokenGrant } from './token-registry';
import { ConfigError, type AppConfig } from '@story-tracker/runtime';

export const MIN_TOKEN_LENGTH = 16;

class TokenGrantInput {
  @IsString()
  @MinLength(MIN_TOKEN_LENGTH, { message: `token must be at least ${MIN_TOKEN_LENGTH} characters` })
  token!: string;

  @IsString()
  @MinLength(1)
  actor!: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

class TokenGrantList {
  @ValidateNested({ each: true })
  @Type(() => TokenGrantInput)
  grants!: TokenGrantInput[];
}

export interface LoadedTokens {
  readonly grants: readonly TokenGrant[];
  /** Set when the tokens were generated on this start, so the caller can say where they are. */
  readonly generatedFile?: string;
  readonly origin: string;
}

/**
 * Where the tokens come from: AUTH_TOKENS, else AUTH_TOKENS_FILE, else DATA_DIR/tokens.json, made
 * once with one random token per role (mode 0600) and reused on later starts.
 */
export function loadTokens(config: AppConfig): LoadedTokens {
  if (config.AUTH_TOKENS) return { grants: parseGrants(config.AUTH_TOKENS, 'AUTH_TOKENS'), origin: 'AUTH_TOKENS' };
  if (config.AUTH_TOKENS_FILE) {
    const file = config.AUTH_TOKENS_FILE;
    if (!existsSync(file)) throw new ConfigError([`AUTH_TOKENS_FILE names ${file}, which does not exist`]);
    return { grants: parseGrants(readFileSync(file, 'utf8'), `AUTH_TOKENS_FILE (${file})`), origin: file };
  }
  const file = join(config.DATA_DIR, 'tokens.json');
  if (existsSync(file)) return { grants: parseGrants(readFileSync(file, 'utf8'), file), origin: file };
  const grants = ROLES.map((role) => ({ token: randomBytes(24).toString('base64url'), actor: `${role}`, roles: [role] }));
  if (createOnce(file, `${JSON.stringify(grants, null, 2)}\n`)) return { grants, generatedFile: file, origin: file };
  // Another instance sharing DATA_DIR made them first: everyone uses the same tokens.
  return { grants: parseGrants(readFileSync(file, 'utf8'), file), origin: file };
}

/**
 * Writes the file complete (mode 0600) unless it exists, atomically: the content goes to a temporary
 * file first and is linked into place, which fails if another process got there first, so a reader
 * never sees half a file and two instances starting together end up with the same tokens.
 */
export function createOnce(file: string, content: string): boolean {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function parseGrants(json: string, origin: string): TokenGrant[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([`${origin} is not valid JSON: ${(error as Error).message}`]);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ConfigError([`${origin} must be a non-empty JSON array of { token, actor, roles }`]);
  }
  const list = plainToInstance(TokenGrantList, { grants: parsed });
  const problems = validateSync(list).flatMap((error) =>
    (error.children ?? []).flatMap((entry) =>
      (entry.children ?? []).flatMap((field) => Object.values(field.constraints ?? {}).map((message) => `${origin}[${entry.property}]: ${message}`)),
    ),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return list.grants.map(({ token, actor, roles }) => ({ token, actor, roles }));
}
