import fastifyStatic from '@fastify/static';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { sendProblem } from '../platform/errors/problem-details.filter.js';
import { consoleContentSecurityPolicy, IMMUTABLE_CACHE, NO_STORE, REVALIDATE, runtimeSettings } from './console-policy.js';
import { DevelopmentSignIn } from './development-sign-in.js';

export const CONSOLE_PREFIX = '/console';
/** Client routes have no file extension; a missing file with one is a 404, not the page. */
const FILE_LIKE = /\.[A-Za-z0-9]+$/;

/** Where `vite build --config console/vite.config.ts` writes: console/dist/ under the project root. */
export function consoleDistDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, 'console', 'dist');
    dir = parent;
  }
  return join(dir, 'console', 'dist');
}

/**
 * Serves the web console at /console/: the built single-page app (hashed assets cached for a year,
 * index.html revalidated, every client route answered with index.html), its runtime settings, and
 * in development only the development sign-in. Plain Fastify routes, like the other static pages.
 */
@Injectable()
export class ConsoleServer implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const devSignIn = this.config.console.devSignIn ? await DevelopmentSignIn.create(this.config) : null;
    const root = consoleDistDir();
    const built = existsSync(join(root, 'index.html'));
    if (!built) this.logger.warn(`the console is not built (no ${join(root, 'index.html')}): run npm run build`);
    const csp = consoleContentSecurityPolicy(this.config.console);
    const settings = JSON.stringify(
      runtimeSettings(this.config.console, {
        platformTenantId: this.config.auth.platformTenantId,
        grantMaxDays: this.config.grantMaxDays,
        claimTtlSeconds: this.config.reviewClaimTtlSeconds,
      }),
    );

    // An encapsulated scope: reply.sendFile is decorated here only (/docs registers its own copy).
    void fastify.register(async (scope) => {
      if (built) await scope.register(fastifyStatic, { root, serve: false, dotfiles: 'ignore', index: false });

      const page = (reply: FastifyReply): FastifyReply => {
        void reply.header('content-security-policy', csp).header('cache-control', REVALIDATE);
        if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built: run npm run build.');
        return reply.sendFile('index.html', { cacheControl: false });
      };

      scope.get(CONSOLE_PREFIX, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301));
      scope.get(`${CONSOLE_PREFIX}/config.json`, (_request, reply) =>
        reply.header('cache-control', NO_STORE).type('application/json; charset=utf-8').send(settings),
      );
      scope.get(`${CONSOLE_PREFIX}/assets/*`, (request, reply) => {
        const file = (request.params as { '*': string })['*'];
        if (!built || !isFile(join(root, 'assets', file))) return reply.callNotFound();
        return reply.header('cache-control', IMMUTABLE_CACHE).sendFile(`assets/${file}`, { cacheControl: false });
      });
      scope.get(`${CONSOLE_PREFIX}/*`, (request, reply) => {
        const path = (request.params as { '*': string })['*'];
        if (path === '' || !FILE_LIKE.test(path)) return page(reply);
        // Unhashed files of the build's root (the icon): revalidated like the page.
        if (!built || path.includes('/') || path === 'index.html' || !isFile(join(root, path))) return reply.callNotFound();
        return reply.header('cache-control', REVALIDATE).sendFile(path, { cacheControl: false });
      });

      if (devSignIn) {
        scope.post(`${CONSOLE_PREFIX}/dev-sign-in`, async (request: FastifyRequest, reply: FastifyReply) => {
          try {
            const token = await devSignIn.signIn(request.body);
            return reply.header('cache-control', NO_STORE).send(token);
          } catch (error) {
            sendProblem(request, reply, error, this.logger);
            return reply;
          }
        });
      }
    });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
