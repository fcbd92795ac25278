// First, before anything that an older Node.js would fail on less clearly.
import '@story-tracker/runtime/require-supported-node';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from '../app.factory';
import { loadTokens } from '../auth/token-source';
import { seedDemoStory } from './demo-story.seeder';
import { ConfigError, loadConfig } from '@story-tracker/runtime';

/**
 * `npm run seed`: records the demo story into the configured event store through the app's own write
 * path, without serving HTTP. SEED_DEMO_STORY only governs seeding on start; asking for it here is
 * explicit. Safe to repeat: a story that already exists is left alone.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const tokens = loadTokens(config);
  const app = await createApp(config, tokens.grants);
  // createApp buffers logs until listen(), which never comes here: print them as they happen.
  app.flushLogs();
  try {
    if (tokens.generatedFile) new Logger('Seed').log(`No AUTH_TOKENS given: created one token per role in ${tokens.generatedFile}`);
    await seedDemoStory(app);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
