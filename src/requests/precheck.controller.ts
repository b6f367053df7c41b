import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags, PartialType } from '@nestjs/swagger';
import { Allow } from '../platform/auth/access.decorators.js';
import { UnprocessableError } from '../shared/domain-error.js';
import { FileRequestDto } from './dto/file-request.dto.js';
import { classify } from '../classification/domain/classifier.js';
import { pickLocale } from '../classification/domain/locale.js';

/** The filing body with every field optional: the support UI asks while the partner is still typing. */
export class PrecheckRequestDto extends PartialType(FileRequestDto) {}

@ApiTags('exception requests')
@ApiBearerAuth()
@Controller('v1/exception-requests/precheck')
export class PrecheckController {
  @Post()
  @HttpCode(200)
  @Allow('partnerAdmin')
  @ApiOperation({ summary: 'Classify a draft request against the seven known issues; stores nothing' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'en (default) or ja, for the guidance' })
  precheck(@Body() body: PrecheckRequestDto, @Headers('accept-language') acceptLanguage?: string) {
    if (!body.title && !body.description) {
      throw new UnprocessableError('Give a title or a description to check.', [
        { field: 'description', message: 'title or description is required' },
      ]);
    }
    return { classification: classify(body, pickLocale(acceptLanguage)) };
  }
}
