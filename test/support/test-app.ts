import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@story-tracker/event-store';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import type { TokenGrant } from '../../apps/api/src/auth/token-registry';
import { loadConfig, EVENT_STORE } from '@story-tracker/runtime';

export const TOKENS = {
  editor: 'editor-token-0123456789',
  otherEditor: 'other-editor-token-0123456789',
  reporter: 'reporter-token-0123456789',
  auditor: 'auditor-token-0123456789',
  redactor: 'redactor-token-0123456789',
} as const;

export const GRANTS: TokenGrant[] = [
  { token: TOKENS.editor, actor: 'alice', roles: ['editor'] },
  { token: TOKENS.otherEditor, actor: 'bob', roles: ['editor'] },
  { token: TOKENS.reporter, actor: 'rita', roles: ['reporter'] },
  { token: TOKENS.auditor, actor: 'audrey', roles: ['auditor'] },
  { token: TOKENS.redactor, actor: 'rosa', roles: ['redactor'] },
];

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<typeof supertest>;
  readonly store: EventStore;
  readonly dataDir: string;
  /** Everything appended so far, across every stream. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** The real app (the same `createApp` as `npm start`) on the in-memory store or SQLite in a temp folder. */
export async function startTestApp(options: { store?: 'memory' | 'sqlite'; dataDir?: string; env?: Record<string, string>; logTo?: DestinationStream } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'story-tracker-test-'));
  const config = loadConfig({
    EVENT_STORE: options.store ?? 'memory',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO_STORY: 'false',
    ...options.env,
  });
  const app = await createApp(config, GRANTS, { ...(options.logTo && { logDestination: options.logTo }) });
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: supertest(app.getHttpServer()),
    store,
    dataDir,
    eventCount: () => store.headPosition(),
    close: () => app.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const asEditor = bearer(TOKENS.editor);
export const asReporter = bearer(TOKENS.reporter);
export const asAuditor = bearer(TOKENS.auditor);
export const asRedactor = bearer(TOKENS.redactor);

/** Opens a story as the editor and returns its slug. */
export async function openStory(test: TestApp, slug = 'russia-ukraine-standoff', extra: Record<string, unknown> = {}): Promise<string> {
  await test.http.post('/stories').set(asEditor).send({ slug, headline: 'Macron heads to Moscow', ...extra }).expect(201);
  return slug;
}

/** Records a development as the editor and returns its id. */
export async function recordDevelopment(test: TestApp, slug: string, development: Record<string, unknown>): Promise<string> {
  const response = await test.http.post(`/stories/${slug}/developments`).set(asEditor).send(development).expect(201);
  return response.body.developmentId as string;
}

export const troops = (count: number, extra: Record<string, unknown> = {}) => ({
  type: 'troop-estimate',
  force: 'Russia',
  location: 'near the Ukrainian border',
  count,
  ...extra,
});
