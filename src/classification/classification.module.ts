import { Module } from '@nestjs/common';
import { KnownIssuesController } from './known-issues.controller.js';

/** The catalogue of known issues; the classifier itself is plain code (domain/) its callers import. */
@Module({ controllers: [KnownIssuesController] })
export class ClassificationModule {}
