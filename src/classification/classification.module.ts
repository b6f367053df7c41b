import { Module } from '@nestjs/common';
import { KnownIssuesController } from './known-issues.controller.js';
import { PrecheckController } from './precheck.controller.js';

@Module({ controllers: [PrecheckController, KnownIssuesController] })
export class ClassificationModule {}
