import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnswerLocale } from '../classification/content-language.js';
import type { Locale } from '../classification/domain/known-issues.js';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import {
  IdempotencyKeyHeader,
  IDEMPOTENCY_HEADER,
  replayAware,
  type IdempotencyKey,
} from '../platform/idempotency/idempotency-key.decorator.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import { FileRequestDto } from './dto/file-request.dto.js';
import { ListRequestsQuery } from './dto/list-requests.query.js';
import { AuditEventPage, MessagePage, RequestModel, RequestPage } from './dto/request.models.js';
import { RequestsService } from './requests.service.js';

@ApiTags('exception requests')
@ApiBearerAuth()
@Controller('v1/exception-requests')
export class ExceptionRequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @Allow('partnerAdmin')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader({ name: 'Accept-Language', required: false, description: "en (default) or ja: the language of the classification's guidance" })
  @ApiOperationDoc({
    id: 'fileRequest',
    summary: 'File a technical exception request (partner global admins and admin agents)',
    ok: [201, RequestModel, 'the request as filed, classified, with its SLA due time; Location names it'],
    errors: [...BODY_ERRORS, 403],
  })
  async file(
    @CurrentCaller() caller: Caller,
    @Body() body: FileRequestDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
    @AnswerLocale() locale: Locale,
  ): Promise<RequestModel> {
    const outcome = await this.requests.file(caller, body, locale, key);
    void reply.header('location', `/v1/exception-requests/${outcome.body.id}`);
    return replayAware(outcome, reply);
  }

  @Get()
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'listRequests',
    summary: 'List requests: newest first for partners, earliest SLA due first for reviewers; filters, search and sort',
    ok: [200, RequestPage],
    errors: [400, 403],
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListRequestsQuery) {
    return this.requests.list(caller, query);
  }

  @Get(':id')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'getRequest',
    summary: 'One request, with what the caller may do with it now',
    ok: [200, RequestModel],
    errors: [400, 403, 404],
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<RequestModel> {
    return this.requests.get(caller, id);
  }

  @Get(':id/messages')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'listMessages',
    summary: 'The conversation, oldest first (internal notes for reviewers only)',
    ok: [200, MessagePage],
    errors: [400, 403, 404],
  })
  listMessages(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.requests.listMessages(caller, id, page.limit, page.cursor);
  }

  @Get(':id/events')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'listRequestEvents',
    summary: 'The audit trail, oldest first',
    ok: [200, AuditEventPage],
    errors: [400, 403, 404],
  })
  listEvents(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.requests.listEvents(caller, id, page.limit, page.cursor);
  }
}
