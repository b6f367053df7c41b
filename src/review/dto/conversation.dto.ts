import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { Text } from '../../platform/http/text.js';

export const MESSAGE_MAX = 8000;

export class PostMessageDto {
  @ApiProperty({
    maxLength: MESSAGE_MAX,
    example: 'We use Exchange Online PowerShell V1 for 40 customers; the V3 module is planned for March.',
  })
  @Text(MESSAGE_MAX)
  body: string;

  @ApiPropertyOptional({ default: false, description: 'reviewers only: a note between reviewers that partners never see' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export class WithdrawRequestDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'The partner moved these accounts to the V3 module.' })
  @Text(2000, { optional: true, allowBlank: true })
  reason?: string;
}
