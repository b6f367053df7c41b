import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiTags, PartialType } from '@nestjs/swagger';
import { AnswerLocale } from '../classification/content-language.js';
import type { Locale } from '../classification/domain/known-issues.js';
import { classify } from '../classification/domain/classifier.js';
import { Allow } from '../platform/auth/access.decorators.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { UnprocessableError } from '../shared/domain-error.js';
import { FileRequestDto } from './dto/file-request.dto.js';
import { ClassificationModel } from './dto/request.models.js';

/** The filing body with every field optional: the support UI asks while the partner is still typing. */
export class PrecheckRequestDto extends PartialType(FileRequestDto) {}

export class PrecheckModel {
  @ApiProperty({ type: ClassificationModel, description: 'as it would be stored, with the signals that decided' })
  classification: ClassificationModel;
}

@ApiTags('exception requests')
@ApiBearerAuth()
@Controller('v1/exception-requests/precheck')
export class PrecheckController {
  @Post()
  @HttpCode(200)
  @Allow('partnerAdmin')
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'en (default) or ja, for the guidance; the answer says Content-Language',
  })
  @ApiOperationDoc({
    id: 'precheckRequest',
    summary: 'Classify a draft request against the seven known issues; stores nothing',
    ok: [200, PrecheckModel],
    errors: [...BODY_ERRORS, 403],
  })
  precheck(@Body() body: PrecheckRequestDto, @AnswerLocale() locale: Locale): PrecheckModel {
    if (!body.title && !body.description) {
      throw new UnprocessableError('Give a title or a description to check.', [
        { field: 'description', message: 'title or description is required' },
      ]);
    }
    return { classification: classify(body, locale) };
  }
}
