import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Public } from '../platform/auth/access.decorators.js';
import { AuthenticationError } from '../platform/auth/authentication-error.js';
import { MetricsService } from './metrics.service.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Prometheus's scrape (not in the OpenAPI document: it is text for Prometheus, not JSON for clients). */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken ? digest(config.metricsToken) : null;
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.token) {
      const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token.
      if (!timingSafeEqual(digest(presented), this.token)) throw new AuthenticationError('METRICS_TOKEN is required as a bearer token');
    }
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
