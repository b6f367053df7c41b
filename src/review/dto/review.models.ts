import { ApiProperty } from '@nestjs/swagger';

export class OldestWaitingModel {
  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ format: 'date-time' })
  since: string;

  @ApiProperty({ description: 'business hours it has waited' })
  businessHoursWaiting: number;
}

export class QueueStatsModel {
  @ApiProperty({ type: 'integer', description: 'submitted, or claimed with a lapsed lease' })
  waiting: number;

  @ApiProperty({ type: 'integer' })
  inReview: number;

  @ApiProperty({ type: 'integer', description: 'waiting on the partner (SLA paused)' })
  infoRequested: number;

  @ApiProperty({ type: 'integer' })
  atRisk: number;

  @ApiProperty({ type: 'integer' })
  breached: number;

  @ApiProperty({ type: 'integer' })
  decided: number;

  @ApiProperty({ type: OldestWaitingModel, nullable: true })
  oldestWaiting: OldestWaitingModel | null;

  @ApiProperty({ type: Number, nullable: true, description: 'median business hours from filing to decision, paused time excluded' })
  medianBusinessHoursToDecision: number | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

const LABEL_ROW = { type: 'object', additionalProperties: { type: 'integer' } };

export class ClassificationReportModel {
  @ApiProperty({ type: 'integer' })
  decided: number;

  @ApiProperty({ type: 'integer' })
  agreed: number;

  @ApiProperty({ type: Number, nullable: true, description: 'agreed / decided (null when nothing was decided)' })
  agreementRate: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: LABEL_ROW,
    description: 'confusion[classifier][reviewer]: counts per known issue (1-7, none)',
  })
  confusion: Record<string, Record<string, number>>;

  @ApiProperty({ type: [String], example: ['1', '2', '3', '4', '5', '6', '7', 'none'] })
  labels: string[];
}
