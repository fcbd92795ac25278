import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import type { TokenGrant } from './auth/token-registry';
import { httpHardening } from './http/http-hardening';
import { setupOpenApi } from './openapi/openapi.setup';
import { setupReporterPage } from './web/reporter-page.setup';
import { type AppConfig } from '@story-tracker/runtime';

/** Bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * Builds the HTTP app (not yet listening): used by `main.ts` and by the end-to-end tests, so both run
 * exactly the same app.
 */
export async function createApp(config: AppConfig, tokens: readonly TokenGrant[], options: AppModuleOptions = {}): Promise<NestFastifyApplication> {
  const hardening = httpHardening();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A caller's X-Request-Id is kept (if it looks like one) so that logs can be matched across services.
    genReqId: (request: IncomingMessage) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    ...hardening.options,
  });
  // Our JSON parser replaces Nest's (bodyParser: false). Installed once Nest has put its middleware
  // (the request log) in place, so that refused requests are logged too, and before the routes are.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, tokens, options), adapter, { bufferLogs: true, bodyParser: false });
  hardening.install(adapter.getInstance());
  app.useLogger(app.get(Logger));
  // From here on lines go out as they are logged: without this Nest 12 keeps buffering them until the
  // app listens, so a long start (read models rebuilt from millions of events) would show no progress.
  app.flushLogs();
  app.enableShutdownHooks();
  setupOpenApi(app);
  setupReporterPage(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
