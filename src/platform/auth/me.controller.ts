import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../http/api-docs.js';
import { Allow, CurrentCaller } from './access.decorators.js';
import { kindOf, type Caller, type CallerKind } from './caller.js';

export class MeModel {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for an app-only token' })
  userId: string | null;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  upn: string | null;

  @ApiProperty({ type: [String], description: 'the roles that count here (staff roles only on the platform tenant)' })
  roles: string[];

  @ApiProperty({ enum: ['partner', 'reviewer', 'review_lead', 'enforcement'] })
  kind: CallerKind;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @Allow('anyToken')
  @ApiOperationDoc({ id: 'getMe', summary: 'Who the token says you are, and what that makes you here', ok: [200, MeModel] })
  me(@CurrentCaller() caller: Caller): MeModel {
    return {
      userId: caller.userId,
      tenantId: caller.tenantId,
      name: caller.name,
      upn: caller.upn,
      roles: [...caller.roles],
      kind: kindOf(caller),
    };
  }
}
