import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { type AppConfig } from '@story-tracker/runtime';
import { serializeRequestForLog } from './request-log.serializer';

/**
 * Structured JSON logs (pino) with the request id on every line; tokens never reach a log. They go to
 * stdout, or to `destination` when one is given (tests read what was logged).
 */
export function loggingModule(config: AppConfig, destination?: DestinationStream) {
  const options = {
    level: config.LOG_LEVEL,
    ...(config.LOG_PRETTY && !destination && { transport: { target: 'pino-pretty', options: { singleLine: true } } }),
    // Fastify has already given the request its id (kept from X-Request-Id or a new ULID).
    genReqId: (request: IncomingMessage & { id?: unknown }) => String(request.id ?? 'unknown'),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' as const },
    serializers: { req: serializeRequestForLog },
    customLogLevel: (_request: IncomingMessage, response: { statusCode: number }, error?: Error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
  };
  return LoggerModule.forRoot({
    pinoHttp: destination ? [options, destination] : options,
    // nestjs-pino's default route, `{/*splat}`, matches nothing under Nest 12's Fastify adapter, so no
    // request was logged at all; `{*splat}` matches every path, the root included. With logs off, no
    // route: pino-http would still build a child logger per request (the request serialised, redacted
    // and stringified) only to write nothing, a tenth of the CPU of a cached GET.
    forRoutes: config.LOG_LEVEL === 'silent' ? [] : [{ path: '{*splat}', method: RequestMethod.ALL }],
  });
}
