import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';
import { IsKurrentDbConnectionString, redactKurrentDbConnectionString } from './kurrentdb-connection-string';
import { IsPostgresUrl, redactPostgresUrl } from './postgres-url';

/** A yes-or-no setting: true, 1, false, 0; anything else is left as it came, for IsBoolean to refuse with the variable's name. */
function yesOrNo({ value }: { value: unknown }): unknown {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return value;
}

/**
 * Everything the API reads from its environment, validated once at start-up. A bad value stops the
 * start with a message naming the variable; nothing else in the app reads `process.env`.
 */
export class AppConfig {
  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT = 3000;

  @IsString()
  @IsNotEmpty({ message: 'HOST must not be empty' })
  HOST = '127.0.0.1';

  @IsString()
  @IsNotEmpty({ message: 'DATA_DIR must not be empty' })
  DATA_DIR = './data';

  @IsIn(['sqlite', 'postgres', 'kurrentdb', 'memory'], { message: 'EVENT_STORE must be one of sqlite, postgres, kurrentdb, memory' })
  EVENT_STORE: 'sqlite' | 'postgres' | 'kurrentdb' | 'memory' = 'sqlite';

  /** The PostgreSQL database of EVENT_STORE=postgres. Holds a password: never log it (see redactPostgresUrl). */
  @ValidateIf((config: AppConfig) => config.EVENT_STORE === 'postgres' || config.POSTGRES_URL !== undefined)
  @IsPostgresUrl()
  POSTGRES_URL?: string;

  /**
   * Whether the PostgreSQL store prepares the statements it runs again and again, once per connection
   * (the server then neither parses nor plans them at each call). false behind a pooler in transaction
   * mode that cannot keep prepared statements (PgBouncer before 1.21, or without max_prepared_statements).
   */
  @Transform(yesOrNo)
  @IsBoolean({ message: 'POSTGRES_PREPARED_STATEMENTS must be true, false, 1 or 0' })
  POSTGRES_PREPARED_STATEMENTS = true;

  @ValidateIf((config: AppConfig) => config.EVENT_STORE === 'kurrentdb' || config.KURRENTDB_CONNECTION_STRING !== undefined)
  @IsKurrentDbConnectionString()
  KURRENTDB_CONNECTION_STRING?: string;

  @IsOptional()
  @IsString()
  AUTH_TOKENS?: string;

  @IsOptional()
  @IsString()
  AUTH_TOKENS_FILE?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';

  /** Pretty, human-readable logs instead of JSON lines (development only). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  LOG_PRETTY = false;

  /**
   * Record the demo story (russia-ukraine-standoff) on a start with an empty event store. Unset, it
   * follows the store (see `seedsDemoStoryOnStart`), so a value that is not a clear yes or no is
   * refused rather than read as either.
   */
  @IsOptional()
  @Transform(yesOrNo)
  @IsBoolean({ message: 'SEED_DEMO_STORY must be true, false, 1 or 0' })
  SEED_DEMO_STORY?: boolean;

  /**
   * How many live streams (`/stories/{id}/live`, `/changes/live`) one token may hold open at once;
   * one more is a 429. Ten covers a reporter with the story list and several stories open in tabs,
   * and a client reconnecting before the server has noticed its old stream went away; a client that
   * leaks streams in a loop is stopped long before it holds the server's sockets.
   */
  @Type(() => Number)
  @IsInt({ message: 'LIVE_MAX_STREAMS_PER_TOKEN must be a whole number from 1 to 10000' })
  @Min(1, { message: 'LIVE_MAX_STREAMS_PER_TOKEN must be a whole number from 1 to 10000' })
  @Max(10_000, { message: 'LIVE_MAX_STREAMS_PER_TOKEN must be a whole number from 1 to 10000' })
  LIVE_MAX_STREAMS_PER_TOKEN = 10;

  /**
   * MiB of serialized state documents (`GET /stories/{id}`) kept by story and revision, so that a read of
   * a revision already sent is a lookup; least recently used first out. 0 keeps none.
   */
  @Type(() => Number)
  @IsInt({ message: 'DOCUMENT_CACHE_MIB must be a whole number from 0 to 65536' })
  @Min(0, { message: 'DOCUMENT_CACHE_MIB must be a whole number from 0 to 65536' })
  @Max(65_536, { message: 'DOCUMENT_CACHE_MIB must be a whole number from 0 to 65536' })
  DOCUMENT_CACHE_MIB = 64;

  /**
   * The verifiable log's signing key: a PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm
   * ed25519`). Unset, the first start makes one in DATA_DIR/log-signing-key.pem (mode 0600). Instances
   * on several machines must all be given the same key, or each would sign as a log of its own.
   */
  @IsOptional()
  @IsString()
  LOG_SIGNING_KEY_FILE?: string;

  /**
   * The log's name in its checkpoints (C2SP: a schema-less URL, e.g. `news.example.org/story-tracker`).
   * Unset, the first start makes one (`story-tracker/<16 hex digits>`) in DATA_DIR/log-origin.txt.
   */
  @IsOptional()
  @Matches(/^[\x21-\x2a\x2c-\x7e]{1,255}$/, { message: 'LOG_ORIGIN must be 1 to 255 printable ASCII characters without spaces or "+" (e.g. news.example.org/story-tracker)' })
  LOG_ORIGIN?: string;

  /**
   * The hosts webhooks may be sent to, comma-separated (`hooks.example.org,alerts.example.net`): checked
   * when a watch is made and again at each delivery, so a webhook never becomes a way into the
   * newsroom's own network. Empty (the default): no webhooks.
   */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.-]+(:\d{1,5})?\s*(,\s*[A-Za-z0-9.-]+(:\d{1,5})?\s*)*$/, { message: 'WEBHOOK_ALLOWED_HOSTS must be host names (with an optional :port), separated by commas' })
  WEBHOOK_ALLOWED_HOSTS?: string;

  /**
   * The newsroom as readers see it: the author of the readers' changelog feed (Atom) and the name on
   * the reader's page (`/public/stories/{id}`). One line of text, no markup needed (it is escaped).
   */
  @Matches(/^[^\p{Cc}]{1,120}$/u, { message: 'NEWSROOM_NAME must be 1 to 120 characters on one line, without control characters' })
  @Matches(/\S/, { message: 'NEWSROOM_NAME must not be blank' })
  NEWSROOM_NAME = 'Story Tracker newsroom';
}

const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'EVENT_STORE',
  'POSTGRES_URL',
  'POSTGRES_PREPARED_STATEMENTS',
  'KURRENTDB_CONNECTION_STRING',
  'AUTH_TOKENS',
  'AUTH_TOKENS_FILE',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'SEED_DEMO_STORY',
  'LIVE_MAX_STREAMS_PER_TOKEN',
  'DOCUMENT_CACHE_MIB',
  'LOG_SIGNING_KEY_FILE',
  'LOG_ORIGIN',
  'WEBHOOK_ALLOWED_HOSTS',
  'NEWSROOM_NAME',
] as const satisfies readonly (keyof AppConfig)[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const present = Object.fromEntries(
    CONFIG_VARIABLES.flatMap((name) => (env[name] === undefined || env[name] === '' ? [] : [[name, env[name]]])),
  );
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${message} (got ${shown(error.property, env[error.property])})`),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A bad value as a message may show it: a database URL without its password. */
function shown(name: string, value: string | undefined): string {
  if (name === 'POSTGRES_URL' && value !== undefined) return JSON.stringify(redactPostgresUrl(value));
  if (name === 'KURRENTDB_CONNECTION_STRING' && value !== undefined) return JSON.stringify(redactKurrentDbConnectionString(value));
  return JSON.stringify(value);
}

/**
 * Whether a start with an empty event store records the demo story: as SEED_DEMO_STORY says, and when
 * it says nothing, only on the embedded stores. The demo is a newcomer's aid; a server store is a
 * newsroom's permanent record, where it goes only when asked (SEED_DEMO_STORY=true or `npm run seed`).
 */
export function seedsDemoStoryOnStart(config: AppConfig): boolean {
  return config.SEED_DEMO_STORY ?? (config.EVENT_STORE === 'sqlite' || config.EVENT_STORE === 'memory');
}

/** Where the verifiable log's key and origin come from: the two settings, else DATA_DIR (nothing kept for the in-memory store). */
export function logIdentityOptionsOf(config: AppConfig): { dataDir?: string; keyFile?: string; origin?: string } {
  return {
    ...(config.EVENT_STORE === 'memory' ? {} : { dataDir: config.DATA_DIR }),
    ...(config.LOG_SIGNING_KEY_FILE !== undefined ? { keyFile: config.LOG_SIGNING_KEY_FILE } : {}),
    ...(config.LOG_ORIGIN !== undefined ? { origin: config.LOG_ORIGIN } : {}),
  };
}

/** WEBHOOK_ALLOWED_HOSTS as a set of lower-case `host` or `host:port` entries. */
export function webhookAllowedHostsOf(config: AppConfig): ReadonlySet<string> {
  return new Set((config.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter((host) => host.length > 0));
}
