import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickLocale } from '../classification/domain/locale.js';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
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
import { RequestsService } from './requests.service.js';

@ApiTags('exception requests')
@ApiBearerAuth()
@Controller('v1/exception-requests')
export class ExceptionRequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @Allow('partnerAdmin')
  @ApiOperation({ summary: 'File a technical exception request (partner global admins and admin agents)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async file(
    @CurrentCaller() caller: Caller,
    @Body() body: FileRequestDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const outcome = await this.requests.file(caller, body, pickLocale(acceptLanguage), key);
    void reply.header('location', `/v1/exception-requests/${outcome.body.id}`);
    return replayAware(outcome, reply);
  }

  @Get()
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperation({ summary: 'List requests: newest first for partners, earliest SLA due first for reviewers' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListRequestsQuery) {
    return this.requests.list(caller, query);
  }

  @Get(':id')
  @Allow('partnerAdmin', 'reviewer')
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.requests.get(caller, id);
  }

  @Get(':id/messages')
  @Allow('partnerAdmin', 'reviewer')
  listMessages(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.requests.listMessages(caller, id, page.limit, page.cursor);
  }

  @Get(':id/events')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperation({ summary: 'The audit trail, oldest first' })
  listEvents(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.requests.listEvents(caller, id, page.limit, page.cursor);
  }
}
