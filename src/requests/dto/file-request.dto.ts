import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { EXAMPLE_USER_ID } from '../../platform/http/examples.js';
import { IsEmailAddress, NoControlCharacters, Text, Trim } from '../../platform/http/text.js';
import { REQUEST_ISSUE_TYPE, REQUEST_TOPIC, SURFACES, type Surface } from '../../shared/surfaces.js';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 8000;
export const AFFECTED_USERS_MAX = 500;

export class ThirdPartyMfaDto {
  @ApiProperty({ example: 'Duo Security', maxLength: 200 })
  @Text(200)
  provider: string;

  @ApiProperty({ enum: ['identity_federation', 'custom_controls'] })
  @IsString()
  @IsIn(['identity_federation', 'custom_controls'])
  integrationMethod: 'identity_federation' | 'custom_controls';

  @ApiProperty({ description: 'The provider confirmed the MFA claim cannot be made to flow to the directory' })
  @IsBoolean()
  providerConfirmedClaimCannotFlow: boolean;
}

export class ContactDto {
  @ApiProperty({ maxLength: 200, example: 'Aiko Tanaka' })
  @Text(200)
  name: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'aiko.tanaka@partner.example' })
  @IsString()
  @Trim()
  @MaxLength(254)
  @NoControlCharacters()
  @IsEmailAddress()
  email: string;

  @ApiPropertyOptional({ example: '+81 3-1234-5678' })
  @IsOptional()
  @IsString()
  @Trim()
  @Matches(/^\+?[0-9][0-9 ()./-]{3,39}$/, { message: 'phone must be a telephone number (digits, spaces, + ( ) - . /)' })
  phone?: string;
}

export class FileRequestDto {
  @ApiPropertyOptional({ default: REQUEST_TOPIC, enum: [REQUEST_TOPIC] })
  @IsOptional()
  @IsString()
  @Equals(REQUEST_TOPIC, { message: `topic must be "${REQUEST_TOPIC}"` })
  topic?: string;

  @ApiPropertyOptional({ default: REQUEST_ISSUE_TYPE, enum: [REQUEST_ISSUE_TYPE] })
  @IsOptional()
  @IsString()
  @Equals(REQUEST_ISSUE_TYPE, { message: `issueType must be "${REQUEST_ISSUE_TYPE}"` })
  issueType?: string;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Exchange Online PowerShell cannot complete MFA' })
  @Text(TITLE_MAX)
  title: string;

  @ApiProperty({
    maxLength: DESCRIPTION_MAX,
    example:
      'Our admin agents manage customer mailboxes through Exchange Online PowerShell with delegated admin privileges; the module does not support MFA.',
  })
  @Text(DESCRIPTION_MAX)
  description: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Object ids of the partner accounts the exception is for',
    example: [EXAMPLE_USER_ID],
  })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(AFFECTED_USERS_MAX)
  @IsUUID('all', { each: true, message: 'each of affectedUserIds must be a UUID' })
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'affectedUserIds must not repeat an id' })
  affectedUserIds: string[];

  @ApiProperty({ enum: SURFACES, isArray: true, example: ['delegated_admin'] })
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SURFACES, { each: true, message: `each of surfaces must be one of ${SURFACES.join(', ')}` })
  surfaces: Surface[];

  @ApiPropertyOptional({ type: ThirdPartyMfaDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ThirdPartyMfaDto)
  thirdPartyMfa?: ThirdPartyMfaDto;

  @ApiProperty({ type: ContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;
}
