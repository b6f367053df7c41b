import { Module } from '@nestjs/common';
import { SlaService } from './sla.service.js';

/** The SLA clock, for every role that changes requests (its timers are run by review/). */
@Module({ providers: [SlaService], exports: [SlaService] })
export class SlaModule {}
