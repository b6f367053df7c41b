import { Module } from '@nestjs/common';
import { EnforcementController } from './enforcement.controller.js';
import { EnforcementService } from './enforcement.service.js';
import { GrantIndex } from './grant-index.js';
import { StatusFastPath } from './status-fast-path.js';
import { UsageCounter } from './usage-counter.js';

/** API role only: the in-memory grant index lives in each API instance. */
@Module({
  controllers: [EnforcementController],
  providers: [GrantIndex, UsageCounter, EnforcementService, StatusFastPath],
  exports: [GrantIndex],
})
export class EnforcementModule {}
