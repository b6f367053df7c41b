import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { Allow } from '../platform/auth/access.decorators.js';
import { ApiOperationDoc } from '../platform/http/api-docs.js';
import { IsDateTime } from '../platform/http/text.js';
import { ClassificationReportModel } from './dto/review.models.js';

export class ClassificationReportQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'decisions at or after' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'decisions before' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}

const LABELS = ['1', '2', '3', '4', '5', '6', '7', 'none'] as const;

/**
 * How often reviewers agreed with the classifier on decided requests: the classifier's known issue
 * at filing against the one the reviewer settled on (their correction, or the classifier's kept).
 */
@Injectable()
export class ClassificationReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async report(from?: Date, to?: Date): Promise<ClassificationReportModel> {
    const rows: { predicted: string | null; decided: string | null; n: number }[] = await this.dataSource.query(
      `SELECT classification->>'knownIssue' AS predicted, decision->>'knownIssue' AS decided, count(*)::int AS n
         FROM exception_requests
        WHERE status IN ('approved', 'rejected') AND decision IS NOT NULL
          AND ($1::timestamptz IS NULL OR (decision->>'decidedAt')::timestamptz >= $1)
          AND ($2::timestamptz IS NULL OR (decision->>'decidedAt')::timestamptz < $2)
        GROUP BY 1, 2`,
      [from ?? null, to ?? null],
    );
    const confusion: Record<string, Record<string, number>> = Object.fromEntries(
      LABELS.map((p) => [p, Object.fromEntries(LABELS.map((d) => [d, 0]))]),
    );
    let decided = 0;
    let agreed = 0;
    for (const row of rows) {
      const predicted = row.predicted ?? 'none';
      const settled = row.decided ?? 'none';
      confusion[predicted][settled] += row.n;
      decided += row.n;
      if (predicted === settled) agreed += row.n;
    }
    return {
      decided,
      agreed,
      agreementRate: decided === 0 ? null : Math.round((agreed / decided) * 10_000) / 10_000,
      /** confusion[classifier][reviewer] */
      confusion,
      labels: [...LABELS],
    };
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/classification')
export class ClassificationReportController {
  constructor(private readonly reports: ClassificationReportRepository) {}

  @Get()
  @Allow('reviewer')
  @ApiOperationDoc({
    id: 'getClassificationReport',
    summary: "Classifier agreement with reviewers' decisions, with a confusion matrix (rows: classifier, columns: reviewer)",
    ok: [200, ClassificationReportModel],
    errors: [400, 403],
  })
  get(@Query() query: ClassificationReportQuery): Promise<ClassificationReportModel> {
    return this.reports.report(query.from ? new Date(query.from) : undefined, query.to ? new Date(query.to) : undefined);
  }
}
