import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../platform/auth/access.decorators.js';
import { KNOWN_ISSUES, localizeKnownIssue } from './domain/known-issues.js';
import { pickLocale } from './domain/locale.js';

@ApiTags('known issues')
@ApiBearerAuth()
@Controller('v1/known-issues')
export class KnownIssuesController {
  @Get()
  @Allow('anySignedIn')
  @ApiOperation({ summary: 'The seven known issues partners should check before filing' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'en (default) or ja' })
  list(@Headers('accept-language') acceptLanguage?: string) {
    const locale = pickLocale(acceptLanguage);
    return { items: KNOWN_ISSUES.map((issue) => localizeKnownIssue(issue, locale)), nextCursor: null, locale };
  }
}
