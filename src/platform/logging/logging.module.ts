import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/config.js';

/** Paths pino blanks out: credentials and personal data never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'token',
  '*.token',
  'email',
  '*.email',
  '*.*.email',
  'phone',
  '*.phone',
  '*.*.phone',
  'contact',
  '*.contact',
];

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // nestjs-pino's default route pattern does not match under Fastify on Nest 12; this one does.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // The id Fastify assigned (see bootstrap.ts), so log lines and problem answers agree.
            genReqId: (req: IncomingMessage) => String(req.headers['x-request-id']),
            customProps: () => ({ service: 'mfa-exceptions' }),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
            },
            // Health probes and the enforcement hot path (many calls a second per partner) are not access-logged;
            // server errors are still logged by the error filter.
            autoLogging: { ignore: (req: IncomingMessage) => (req.url?.startsWith('/health') || req.url?.startsWith('/v1/enforcement/status')) ?? false },
          },
        }),
      ],
    };
  }
}
