import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Text } from '../../platform/http/text.js';

export const MESSAGE_MAX = 8000;

export class PostMessageDto {
  @ApiProperty({ maxLength: MESSAGE_MAX })
  @Text(MESSAGE_MAX)
  body: string;
}

export class WithdrawRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Text(2000, { optional: true, allowBlank: true })
  reason?: string;
}
