// First, before anything that an older Node.js would fail on less clearly.
import '@story-tracker/runtime/require-supported-node';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadTokens } from './auth/token-source';
import { seedDemoStoryOnFirstStart } from './seed/demo-story.seeder';
import { ConfigError, loadConfig } from '@story-tracker/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const tokens = loadTokens(config);
  const app = await createApp(config, tokens.grants);
  const logger = new Logger('Startup');
  if (tokens.generatedFile) {
    logger.log(`No AUTH_TOKENS given: created one token per role (editor, reporter, auditor) in ${tokens.generatedFile}`);
  } else {
    logger.log(`Tokens from ${tokens.origin}`);
  }
  // An event store with no events at all and SEED_DEMO_STORY on (by default on the embedded stores
  // only): record the demo story.
  await seedDemoStoryOnFirstStart(app, config);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.log(`Story Tracker listening on ${await app.getUrl()} (event store: ${config.EVENT_STORE}, data: ${config.DATA_DIR}); OpenAPI at /docs`);
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration): say what is wrong plainly and stop.
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
