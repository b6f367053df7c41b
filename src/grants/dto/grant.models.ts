import { ApiProperty } from '@nestjs/swagger';
import { PageOf, PersonModel } from '../../platform/http/api-models.js';
import { SURFACES } from '../../shared/surfaces.js';

/** A grant as the enforcement copy keeps it (the change feed and the snapshot). */
export class GrantStateModel {
  @ApiProperty({ format: 'uuid' })
  grantId: string;

  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  userIds: string[];

  @ApiProperty({ enum: SURFACES, isArray: true })
  surfaces: (typeof SURFACES)[number][];

  @ApiProperty({ format: 'date-time' })
  validFrom: string;

  @ApiProperty({ format: 'date-time', description: 'the grant exempts nothing from this instant on' })
  expiresAt: string;
}

export class GrantModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  userIds: string[];

  @ApiProperty({ enum: SURFACES, isArray: true })
  surfaces: (typeof SURFACES)[number][];

  @ApiProperty({ format: 'date-time' })
  validFrom: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ enum: ['active', 'expired', 'revoked'], description: 'computed at read time' })
  status: 'active' | 'expired' | 'revoked';

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: PersonModel, description: 'the approving reviewer (partners: name only)' })
  createdBy: PersonModel;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: PersonModel, nullable: true })
  revokedBy: PersonModel | null;

  @ApiProperty({ type: String, nullable: true })
  revokeReason: string | null;

  @ApiProperty({ type: 'integer', description: 'exempt answers given for it (counted in batches)' })
  useCount: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: string | null;
}
export const GrantPage = PageOf(GrantModel, 'GrantPage');
