import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import {
  IDEMPOTENCY_HEADER,
  IdempotencyKeyHeader,
  replayAware,
  type IdempotencyKey,
} from '../platform/idempotency/idempotency-key.decorator.js';
import { RequestModel } from '../requests/dto/request.models.js';
import { ClaimsService } from './claims.service.js';
import { ClaimDto, DecisionDto, ReassignDto, RequestInfoDto } from './dto/review-actions.dto.js';
import { QueueStatsModel } from './dto/review.models.js';
import { ReviewService } from './review.service.js';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/review-queue')
export class ReviewQueueController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly review: ReviewService,
  ) {}

  @Post('claim')
  @Allow('reviewer')
  @ApiOperationDoc({
    id: 'claimNextRequest',
    summary: 'Claim the waiting request due first, or the one named by requestId',
    description:
      "A claim is a lease of REVIEW_CLAIM_TTL, renewed by the claimant's actions. 204 when nothing waits; 409 review.claimed_by_other when the named request is held by another reviewer.",
    ok: [200, RequestModel, 'the claimed request'],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
  @ApiResponse({ status: 204, description: 'nothing is waiting' })
  async claim(@CurrentCaller() caller: Caller, @Body() body: ClaimDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = await this.claims.claim(caller, body.requestId?.toLowerCase());
    void reply.status(request ? 200 : 204);
    return request ?? undefined;
  }

  @Get('stats')
  @Allow('reviewer')
  @ApiOperationDoc({
    id: 'getQueueStats',
    summary: 'Waiting, in review, paused, at risk, breached, oldest waiting, median business time to decision',
    ok: [200, QueueStatsModel],
    errors: [403],
  })
  stats() {
    return this.review.stats();
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/exception-requests/:id')
export class ReviewActionsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly review: ReviewService,
  ) {}

  @Post('claim/renew')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperationDoc({
    id: 'renewClaim',
    summary: 'Keep your claim for another REVIEW_CLAIM_TTL (409 review.claim_lapsed once it has lapsed)',
    ok: [200, RequestModel],
    errors: [400, 403, 404, 409],
  })
  renew(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.claims.renew(caller, id);
  }

  @Post('request-info')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperationDoc({
    id: 'requestInformation',
    summary: 'Ask the partner for more (claimant only); the SLA clock pauses and the answer comes back to you while your claim lives',
    ok: [200, RequestModel],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
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
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperationDoc({
    id: 'decideRequest',
    summary: 'Approve (with a grant) or reject (claimant only; never your own tenant)',
    ok: [200, RequestModel],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
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
  @ApiOperationDoc({
    id: 'releaseClaim',
    summary: 'Give a claimed request back to the queue (its claimant, or a review lead)',
    ok: [200, RequestModel],
    errors: [400, 403, 404, 409],
  })
  release(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.claims.release(caller, id);
  }

  @Post('reassign')
  @HttpCode(200)
  @Allow('reviewLead')
  @ApiOperationDoc({
    id: 'reassignRequest',
    summary: 'Give a request to another reviewer (review leads)',
    ok: [200, RequestModel],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
  reassign(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: ReassignDto) {
    return this.claims.reassign(caller, id, body);
  }
}
