import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule, servesApi } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { ProblemDetailsFilter } from './platform/errors/problem-details.filter.js';
import { StrictValidationPipe } from './platform/http/validation.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The one place that builds the HTTP application: adapter, body limit, request ids, pipes, error
 * filter, security headers, CORS and OpenAPI. main.ts and the e2e tests both start through here.
 */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    // A caller's X-Request-Id is kept when it is sane; otherwise a fresh one. Written back on the
    // raw request so that the logger's request id is the same one.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      req.headers['x-request-id'] = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false, // the JSON parser is set up below
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // An empty body with a JSON content type is "no body", not a parse error (POST .../withdraw).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'X-Request-Id'],
    exposedHeaders: ['Location', 'X-Request-Id', 'Idempotent-Replayed', 'WWW-Authenticate'],
    maxAge: 600,
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MFA technical exception requests')
      .setDescription('File, review and enforce MFA technical exceptions for partner tenants.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  return app;
}

/** Starts what PROCESS_ROLE asks for; a worker-only process opens no HTTP port. */
export async function startService(config: AppConfig): Promise<INestApplicationContext> {
  if (!servesApi(config)) {
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    return context;
  }
  const app = await createHttpApp(config);
  await app.listen({ port: config.port, host: config.host });
  return app;
}
