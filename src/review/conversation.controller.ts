import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
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
import { MessageModel, RequestModel } from '../requests/dto/request.models.js';
import { ConversationService } from './conversation.service.js';
import { PostMessageDto, WithdrawRequestDto } from './dto/conversation.dto.js';

@ApiTags('exception requests')
@ApiBearerAuth()
@Controller('v1/exception-requests/:id')
export class ConversationController {
  constructor(private readonly conversation: ConversationService) {}

  @Post('withdraw')
  @HttpCode(200)
  @Allow('partnerAdmin')
  @ApiOperationDoc({
    id: 'withdrawRequest',
    summary: 'Withdraw a request that is not decided yet (409 otherwise)',
    ok: [200, RequestModel],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
  withdraw(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: WithdrawRequestDto): Promise<RequestModel> {
    return this.conversation.withdraw(caller, id, body);
  }

  @Post('messages')
  @Allow('partnerAdmin', 'reviewer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperationDoc({
    id: 'postMessage',
    summary: "Post a message (reviewers: or an internal note); a partner's reply to an info request returns it to review",
    ok: [201, MessageModel],
    errors: [...BODY_ERRORS, 403, 404],
  })
  async postMessage(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: PostMessageDto,
    @IdempotencyKeyHeader() key: IdempotencyKey | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageModel> {
    return replayAware(await this.conversation.postMessage(caller, id, body, key), reply);
  }
}
