import { Module } from '@nestjs/common';
import { ClassificationReportController, ClassificationReportRepository } from './classification-report.js';
import { KnownIssuesController } from './known-issues.controller.js';
import { PrecheckController } from './precheck.controller.js';

@Module({
  controllers: [PrecheckController, KnownIssuesController, ClassificationReportController],
  providers: [ClassificationReportRepository],
})
export class ClassificationModule {}
