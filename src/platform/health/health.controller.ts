import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProperty, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { Public } from '../auth/access.decorators.js';
import { ProblemModel } from '../http/api-models.js';
import { HEALTH_REDIS } from './health.tokens.js';

const INDICATORS = {
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, properties: { status: { type: 'string' as const } } },
};

/** Terminus's answer: `ok`, with each indicator's status. */
export class HealthModel {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status: string;

  @ApiProperty({ ...INDICATORS, nullable: true })
  info: Record<string, unknown> | null;

  @ApiProperty({ ...INDICATORS, nullable: true })
  error: Record<string, unknown> | null;

  @ApiProperty(INDICATORS)
  details: Record<string, unknown>;
}

@ApiTags('health')
@ApiExtraModels(ProblemModel)
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_REDIS) private readonly redis: Redis,
  ) {}

  /** The process is up and serving; says nothing about its dependencies (so it is not restarted for them). */
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is up (says nothing of its dependencies)' })
  @ApiResponse({ status: 200, type: HealthModel, description: 'up' })
  live() {
    return this.health.check([]);
  }

  /** Ready to take traffic: PostgreSQL and Redis both answer. */
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Ready for traffic: PostgreSQL and Redis answer (503 problem+json with Retry-After otherwise)',
  })
  @ApiResponse({ status: 200, type: HealthModel, description: 'ready' })
  @ApiResponse({
    status: 503,
    description: 'a dependency does not answer (service.unavailable), with Retry-After',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemModel) } } },
  })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected PING answer');
          })
          .withTimeout(1500),
    ]);
  }
}
