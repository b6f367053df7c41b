import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickLocale } from '../classification/domain/locale.js';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { IdempotencyKeyHeader, replayAware, type IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import { FileRequestDto } from './dto/file-request.dto.js';
import { ListRequestsQuery } from './dto/list-requests.query.js';
import { PostMessageDto, WithdrawRequestDto } from './dto/request-actions.dto.js';
import { RequestsService } from './requests.service.js';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the same key with the same body answers the first result; with another body, 422.',
};

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

  @Post(':id/withdraw')
  @HttpCode(200)
  @Allow('partnerAdmin')
  @ApiOperation({ summary: 'Withdraw a request that is not decided yet (409 otherwise)' })
  withdraw(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: WithdrawRequestDto) {
    return this.requests.withdraw(caller, id, body);
  }

  @Post(':id/messages')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperation({ summary: 'Post a message; a partner reply to an info request sends it back to review' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async postMessage(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: PostMessageDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replayAware(await this.requests.postMessage(caller, id, body, key), reply);
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
