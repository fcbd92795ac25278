import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfig } from '@story-tracker/runtime';

/** Structured JSON logs (pino) with the request id on every line; tokens never reach a log. */
export function loggingModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      ...(config.LOG_PRETTY && { transport: { target: 'pino-pretty', options: { singleLine: true } } }),
      // Fastify has already given the request its id (kept from X-Request-Id or a new ULID).
      genReqId: (request: IncomingMessage & { id?: unknown }) => String(request.id ?? 'unknown'),
      redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    },
  });
}
