import { Module } from '@nestjs/common';
import { EnforcementController } from './enforcement.controller.js';
import { EnforcementService } from './enforcement.service.js';
import { GrantIndex } from './grant-index.js';
import { HeldPolls } from './held-polls.js';
import { EnforcementHotPath } from './enforcement-hot-path.js';
import { UsageCounter } from './usage-counter.js';

/** API role only: the in-memory grant index lives in each API instance. */
@Module({
  controllers: [EnforcementController],
  providers: [GrantIndex, HeldPolls, UsageCounter, EnforcementService, EnforcementHotPath],
  exports: [GrantIndex, HeldPolls],
})
export class EnforcementModule {}
