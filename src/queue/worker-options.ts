import type { Processor } from '@nestjs/bullmq';
import { DEFAULT_JOB_LOCK_MS } from '../config/config.js';

type WorkerOptions = Parameters<typeof Processor>[1] & object;

// Read when the processors' decorators are evaluated (at import), which is why this is not taken from
// the AppConfig: BullMQ takes worker options only from @Processor.
const lockMs = Number(process.env.QUEUE_JOB_LOCK_MS) || DEFAULT_JOB_LOCK_MS;

/**
 * Options of every worker. A job's lock lives QUEUE_JOB_LOCK_MS unless its worker renews it; the
 * stalled-job check runs as often, so the job of a worker that died (killed, out of memory) is taken
 * up again by another within about twice that.
 */
export function workerOptions(concurrency: number): WorkerOptions {
  return { concurrency, lockDuration: lockMs, stalledInterval: lockMs };
}
