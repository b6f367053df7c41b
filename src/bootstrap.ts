import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { AppModule, servesApi } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { EnforcementHotPath } from './enforcement/enforcement-hot-path.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { TokenVerifier } from './platform/auth/token-verifier.js';
import { ProblemDetailsFilter } from './platform/errors/problem-details.filter.js';
import { HotPathServer } from './platform/http/hot-path-server.js';
import { jsonLimitBroken } from './platform/http/json-limits.js';
import { requestIdOf } from './platform/http/request-id.js';
import { installRequestGate } from './platform/http/request-gate.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { RequestValidationError, StrictValidationPipe } from './platform/http/validation.js';
import { createLogger, PinoNestLogger } from './platform/logging/logger.js';
import { observeHttp } from './platform/metrics/registry.js';

const MACHINE_HEADERS = { 'x-content-type-options': 'nosniff' };
const MACHINE_PREFIX = '/v1/enforcement/';
/** Probed or scraped every few seconds: not access-logged (server errors still are). */
const QUIET_PATHS = ['/health/', '/metrics'];

/**
 * The one place that builds the HTTP application: adapter, body limit, request ids, logging, pipes,
 * error filter, security headers, CORS and OpenAPI. main.ts and the e2e tests both start here.
 */
export async function createHttpApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  // The enforcement hot path is answered in front of Fastify (enforcement-hot-path.ts).
  const hotPath = new HotPathServer();
  const adapter = new FastifyAdapter({
    serverFactory: hotPath.factory(config.http),
    loggerInstance: logger,
    // Fastify's own per-request lines are off: we write one line per request below.
    logController: new LogController({ disableRequestLogging: true }),
    // No per-request child logger (pino compiles one per call, redaction included); our log lines
    // carry the request id themselves.
    childLoggerFactory: () => logger,
    // No Express-style middleware here, so no middleware engine hook on every request.
    skipMiddie: true,
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-* are believed only from configured proxies (TRUST_PROXY), never from any client.
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    // (Slow or idle clients do not hold connections: the server factory sets the README's "HTTP
    // timeouts".) A caller's X-Request-Id is kept when it is sane; otherwise a fresh one.
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false, // the JSON parser is set up below
  });
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // helmet's default would make a browser fetch /docs' assets over https even when the service
        // is reached over plain http on another machine's address: a blank page. TLS is the proxy's job.
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // Browser protections are for pages and the support UI; the enforcement API is for machines and
    // gets nosniff alone, which keeps the hot path's answer small. (A URL prefix, because Fastify's
    // routeOptions getter builds an object on every access.)
    void reply.headers(request.url.startsWith(MACHINE_PREFIX) ? MACHINE_HEADERS : headers).header('x-request-id', request.id);
    done();
  });
  // One structured line per answered request, with its id; no body or token; and its duration in the
  // metrics. Done as the answer is sent (an onResponse hook would make Fastify watch every socket for
  // the end of the response), so the duration leaves out the writing of the body.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // The route template, not the URL, so that ids do not make a series each; unknown paths share one.
    observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    const path = request.url.split('?')[0];
    if (reply.statusCode >= 500 || !QUIET_PATHS.some((quiet) => path.startsWith(quiet))) {
      request.log.info(
        {
          req: { id: request.id, method: request.method, url: path, remoteAddress: request.ip },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done(null, payload);
  });
  // An empty body with a JSON content type is "no body", not a parse error (POST .../withdraw).
  // Too deep or too wide is refused from the raw text, before anything walks the parsed value.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    const broken = jsonLimitBroken(text);
    if (broken) return done(new RequestValidationError(400, [{ field: '(body)', message: broken }]), undefined);
    void parseJson(request, text, done);
  });
  await installRequestGate(fastify, config, app.get(TokenVerifier), new Logger('Errors'));

  // No origins configured means no cross-origin access at all, and no CORS work per request.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'X-Request-Id'],
      exposedHeaders: ['Location', 'X-Request-Id', 'Idempotent-Replayed', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  hotPath.use(app.get(EnforcementHotPath));
  return app;
}

/** Starts what PROCESS_ROLE asks for; a worker-only process opens no HTTP port. */
export async function startService(config: AppConfig): Promise<INestApplicationContext> {
  if (!servesApi(config)) {
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: new PinoNestLogger(createLogger(config.logLevel)),
    });
    context.enableShutdownHooks();
    return context;
  }
  const app = await createHttpApp(config);
  await app.listen({ port: config.port, host: config.host });
  return app;
}
