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
import { IsDateTime, Text } from '../../platform/http/text.js';
import { SURFACES, type Surface } from '../../shared/surfaces.js';

export class RequestInfoDto {
  @ApiProperty({ maxLength: 8000, description: 'What the partner must add; posted to the conversation' })
  @Text(8000)
  message: string;
}

export class GrantSpecDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Accounts exempted: among the request's affectedUserIds" })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each of grant.userIds must be a UUID' })
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'grant.userIds must not repeat an id' })
  userIds: string[];

  @ApiProperty({ enum: SURFACES, isArray: true, description: "Surfaces exempted: among the request's surfaces" })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SURFACES, { each: true, message: `each of grant.surfaces must be one of ${SURFACES.join(', ')}` })
  surfaces: Surface[];

  @ApiProperty({ format: 'date-time', description: 'In the future, at most GRANT_MAX_DAYS (default 180) days ahead' })
  @IsString()
  @IsDateTime('grant.expiresAt must be an ISO-8601 date-time with an offset, such as 2026-11-24T09:00:00Z')
  expiresAt: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsString()
  @IsIn(['approved', 'rejected'])
  outcome: 'approved' | 'rejected';

  @ApiProperty({ maxLength: 4000 })
  @Text(4000)
  reason: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, nullable: true, description: 'Correct the known issue (null: none of the seven)' })
  @IsOptional() // null passes too: "none of the seven"
  @IsInt()
  @Min(1)
  @Max(7)
  knownIssue?: number | null;

  @ApiPropertyOptional({ type: GrantSpecDto, description: 'Required with approved; not allowed with rejected' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GrantSpecDto)
  grant?: GrantSpecDto;
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: 'The reviewer (user object id) who takes the claim over' })
  @IsString()
  @IsUUID('all')
  reviewerId: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Text(200, { optional: true })
  reviewerName?: string;
}
