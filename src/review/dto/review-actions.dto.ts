import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXAMPLE_EXPIRES_AT, EXAMPLE_REQUEST_ID, EXAMPLE_REVIEWER_ID, EXAMPLE_USER_ID } from '../../platform/http/examples.js';
import { IsDateTime, Text } from '../../platform/http/text.js';
import { SURFACES, type Surface } from '../../shared/surfaces.js';

export class RequestInfoDto {
  @ApiProperty({
    maxLength: 8000,
    description: 'What the partner must add; posted to the conversation',
    example: 'Which Exchange Online PowerShell module version do these accounts use, and for how many customers?',
  })
  @Text(8000)
  message: string;
}

export class GrantSpecDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Accounts exempted: among the request's affectedUserIds",
    example: [EXAMPLE_USER_ID],
  })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each of grant.userIds must be a UUID' })
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'grant.userIds must not repeat an id' })
  userIds: string[];

  @ApiProperty({
    enum: SURFACES,
    isArray: true,
    description: "Surfaces exempted: among the request's surfaces",
    example: ['delegated_admin'],
  })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SURFACES, { each: true, message: `each of grant.surfaces must be one of ${SURFACES.join(', ')}` })
  surfaces: Surface[];

  @ApiProperty({
    format: 'date-time',
    description: 'In the future, at most GRANT_MAX_DAYS (default 180) days ahead',
    example: EXAMPLE_EXPIRES_AT,
  })
  @IsString()
  @IsDateTime('grant.expiresAt must be an ISO-8601 date-time with an offset, such as 2026-11-24T09:00:00Z')
  expiresAt: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' })
  @IsString()
  @IsIn(['approved', 'rejected'])
  outcome: 'approved' | 'rejected';

  @ApiProperty({ maxLength: 4000, example: 'Exchange Online PowerShell with delegated admin cannot do MFA yet (known issue 6).' })
  @Text(4000)
  reason: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 7,
    nullable: true,
    description: 'Correct the known issue (null: none of the seven)',
    example: 6,
  })
  @IsOptional() // null passes too: "none of the seven"
  @IsInt()
  @Min(1)
  @Max(7)
  knownIssue?: number | null;

  @ApiPropertyOptional({
    type: GrantSpecDto,
    description: 'Required with approved; not allowed with rejected',
    example: { userIds: [EXAMPLE_USER_ID], surfaces: ['delegated_admin'], expiresAt: EXAMPLE_EXPIRES_AT },
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GrantSpecDto)
  grant?: GrantSpecDto;
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: 'The reviewer (user object id) who takes the claim over', example: EXAMPLE_REVIEWER_ID })
  @IsString()
  @IsUUID('all')
  reviewerId: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Ren Sato' })
  @Text(200, { optional: true })
  reviewerName?: string;
}

export class ClaimDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'claim this request (if it is waiting) instead of the next one due',
    example: EXAMPLE_REQUEST_ID,
  })
  @IsOptional()
  @IsString()
  @IsUUID('all')
  requestId?: string;
}
