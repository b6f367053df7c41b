import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EXAMPLE_TENANT_ID, EXAMPLE_USER_ID } from '../../platform/http/examples.js';
import { SURFACES } from '../../shared/surfaces.js';
import { GrantStateModel } from '../../grants/dto/grant.models.js';
import { PageQuery } from '../../platform/pagination/page-query.dto.js';
import type { ChallengeStyle, TokenClaims } from '../domain/enforcement-decision.js';

export class TokenClaimsModel {
  @ApiProperty({ format: 'uuid', description: 'the tenant id of the token being checked' })
  tid: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the user object id; required unless idtyp is app' })
  oid?: string;

  @ApiPropertyOptional({ type: [String], description: 'authentication methods; `mfa` means MFA was done' })
  amr?: string[];

  @ApiPropertyOptional({ description: '`app` marks an app-only token' })
  idtyp?: string;
}

export class EvaluateDto {
  @ApiProperty({ enum: SURFACES, description: 'an unknown surface is 400', example: 'delegated_admin' })
  @IsString()
  surface: string;

  @ApiProperty({
    type: TokenClaimsModel,
    description: "the checked token's claims (other claims may be sent along and are ignored); malformed ones are 400",
    example: { tid: EXAMPLE_TENANT_ID, oid: EXAMPLE_USER_ID, amr: ['pwd'] },
  })
  @IsObject()
  claims: TokenClaims;

  @ApiPropertyOptional({
    enum: ['default', 'rfc9470'],
    description: 'rfc9470: step-up challenge (insufficient_user_authentication with acr_values)',
    example: 'default',
  })
  @IsOptional()
  @IsString()
  @IsIn(['default', 'rfc9470'])
  challengeStyle?: ChallengeStyle;
}

export class ChallengeModel {
  @ApiProperty({ type: 'integer', enum: [401] })
  status: 401;

  @ApiProperty({ example: 'Bearer error="invalid_token"', description: 'the WWW-Authenticate header to answer with' })
  wwwAuthenticate: string;

  @ApiProperty({ example: 'Unauthorized - MFA required' })
  statusText: string;

  @ApiProperty()
  description: string;
}

export class EvaluationModel {
  @ApiProperty({ enum: ['allow', 'exempt', 'mfa_required'] })
  decision: 'allow' | 'exempt' | 'mfa_required';

  @ApiProperty({ enum: ['app_only_token', 'mfa_completed', 'active_exception_grant', 'no_mfa_no_exception'] })
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'exempt: the grant that allows skipping MFA' })
  grantId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'exempt: when that grant ends' })
  expiresAt?: string;

  @ApiPropertyOptional({ type: ChallengeModel, description: 'mfa_required: the challenge to answer the call with' })
  challenge?: ChallengeModel;
}

export class StatusModel {
  @ApiProperty()
  exempt: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  grantId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;
}

export class GrantChangeModel {
  @ApiProperty({ description: 'the position of this change: follow the feed from here' })
  cursor: string;

  @ApiProperty({ enum: ['created', 'revoked', 'expired'] })
  type: 'created' | 'revoked' | 'expired';

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: GrantStateModel })
  grant: GrantStateModel;
}

export class SnapshotHeadModel {
  @ApiProperty({ description: 'the feed position the snapshot reflects: follow the changes from it' })
  cursor: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: [GrantStateModel], description: 'the first page of the active grants' })
  grants: GrantStateModel[];

  @ApiProperty({ type: String, nullable: true, description: 'the next snapshot page (GET /v1/enforcement/grants/snapshot?cursor=)' })
  nextCursor: string | null;
}

export class GrantChangesModel {
  @ApiProperty({ type: [GrantChangeModel] })
  items: GrantChangeModel[];

  @ApiProperty({ type: String, nullable: true, description: 'null once caught up' })
  nextCursor: string | null;

  @ApiProperty({ description: 'where to poll from next, always' })
  resumeCursor: string;

  @ApiPropertyOptional({ type: SnapshotHeadModel, description: 'without a cursor only' })
  snapshot?: SnapshotHeadModel;
}

export class GrantSnapshotModel {
  @ApiProperty({ type: [GrantStateModel] })
  items: GrantStateModel[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ description: 'the feed position of the first page: follow the changes from it after the last page' })
  cursor: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class SnapshotQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous snapshot page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** Longest hold of a long poll on the grant feed, in seconds. */
export const MAX_WAIT_SECONDS = 30;

export class ChangesQuery extends PageQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description:
      'with a cursor: when nothing follows it, hold the answer up to this many seconds until a grant change commits (long polling)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_SECONDS)
  wait?: number;
}
