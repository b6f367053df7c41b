import { Module } from '@nestjs/common';
import { KnownIssuesController } from './known-issues.controller.js';

@Module({ controllers: [KnownIssuesController] })
export class ClassificationModule {}
