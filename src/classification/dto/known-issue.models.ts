import { ApiProperty } from '@nestjs/swagger';

export class RequiredDetailModel {
  @ApiProperty({ example: 'thirdPartyMfa.provider', description: 'the field of the filing form that carries it' })
  field: string;

  @ApiProperty()
  description: string;
}

export class KnownIssueModel {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7 })
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'the situation, as the known-issue list describes it' })
  situation: string;

  @ApiProperty({ enum: ['not_valid', 'may_be_valid'], description: 'whether the issue may be a valid reason for an exception' })
  eligibility: 'not_valid' | 'may_be_valid';

  @ApiProperty({ description: 'what to do instead, or what a request needs' })
  guidance: string;

  @ApiProperty({ type: [RequiredDetailModel], description: 'what a request for this issue must say' })
  requiredDetails: RequiredDetailModel[];
}

export class KnownIssuePage {
  @ApiProperty({ type: [KnownIssueModel] })
  items: KnownIssueModel[];

  @ApiProperty({ type: String, nullable: true, description: 'always null: the seven fit in one page' })
  nextCursor: string | null;

  @ApiProperty({ enum: ['en', 'ja'], description: 'the language of the titles and guidance' })
  locale: 'en' | 'ja';
}
