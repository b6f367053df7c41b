import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NotBlank, Trim } from '../../platform/http/text.js';

export const MESSAGE_MAX = 8000;

export class PostMessageDto {
  @ApiProperty({ maxLength: MESSAGE_MAX })
  @IsString()
  @Trim()
  @NotBlank()
  @MaxLength(MESSAGE_MAX)
  body: string;
}

export class WithdrawRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(2000)
  reason?: string;
}
