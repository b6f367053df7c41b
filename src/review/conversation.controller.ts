import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import {
  IdempotencyKeyHeader,
  IDEMPOTENCY_HEADER,
  replayAware,
  type IdempotencyKey,
} from '../platform/idempotency/idempotency-key.decorator.js';
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
  @ApiOperation({ summary: 'Withdraw a request that is not decided yet (409 otherwise)' })
  withdraw(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: WithdrawRequestDto) {
    return this.conversation.withdraw(caller, id, body);
  }

  @Post('messages')
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
    return replayAware(await this.conversation.postMessage(caller, id, body, key), reply);
  }
}
