import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Allow } from '../platform/auth/access.decorators.js';
import { ApiOperationDoc } from '../platform/http/api-docs.js';
import { AnswerLocale } from './content-language.js';
import { KNOWN_ISSUES, localizeKnownIssue, type Locale } from './domain/known-issues.js';
import { KnownIssuePage } from './dto/known-issue.models.js';

@ApiTags('known issues')
@ApiBearerAuth()
@Controller('v1/known-issues')
export class KnownIssuesController {
  @Get()
  @Allow('anySignedIn')
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'en (default) or ja; the answer says Content-Language' })
  @ApiOperationDoc({
    id: 'listKnownIssues',
    summary: 'The seven known issues partners should check before filing',
    ok: [200, KnownIssuePage],
    errors: [403],
  })
  list(@AnswerLocale() locale: Locale): KnownIssuePage {
    return { items: KNOWN_ISSUES.map((issue) => localizeKnownIssue(issue, locale)), nextCursor: null, locale };
  }
}
