import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { IdempotencyKeyHeader, replayAware, type IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { DecisionDto, ReassignDto, RequestInfoDto } from './dto/review-actions.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(private readonly review: ReviewService) {}

  @Post('claim')
  @Allow('reviewer')
  @ApiOperation({ summary: 'Claim the waiting request due first (a lease of REVIEW_CLAIM_TTL)' })
  @ApiOkResponse({ description: 'The claimed request' })
  @ApiNoContentResponse({ description: 'Nothing is waiting' })
  async claim(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = await this.review.claim(caller);
    if (!request) void reply.status(204);
    else void reply.status(200);
    return request ?? undefined;
  }

  @Get('stats')
  @Allow('reviewer')
  @ApiOperation({ summary: 'Waiting, in review, oldest waiting, at risk, breached, median business time to decision' })
  stats() {
    return this.review.stats();
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/exception-requests/:id')
export class ReviewActionsController {
  constructor(private readonly review: ReviewService) {}

  @Post('request-info')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperation({ summary: 'Ask the partner for more (claimant only); the SLA clock pauses' })
  async requestInfo(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: RequestInfoDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replayAware(await this.review.requestInfo(caller, id, body, key), reply);
  }

  @Post('decision')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperation({ summary: 'Approve (with a grant) or reject (claimant only; never your own tenant)' })
  async decide(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: DecisionDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replayAware(await this.review.decide(caller, id, body, key), reply);
  }

  @Post('release')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperation({ summary: 'Give a claimed request back to the queue (its claimant, or a review lead)' })
  release(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.review.release(caller, id);
  }

  @Post('reassign')
  @HttpCode(200)
  @Allow('reviewLead')
  @ApiOperation({ summary: 'Give a request to another reviewer (review leads)' })
  reassign(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: ReassignDto) {
    return this.review.reassign(caller, id, body);
  }
}
