import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobPayloads, JobsOn, QueueName } from './jobs.js';

const READY_PROBE_MS = 500;

/**
 * A WorkerHost that cannot hang shutdown. BullMQ's graceful close waits for the worker's blocking
 * Redis connection; when Redis is unreachable that wait never ends. Then the worker is closed by
 * force: no job can be in flight without Redis, and stalled-job recovery retries any that were.
 */
export abstract class ShutdownSafeWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);

  /** Connection errors go to the structured log; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ err: error.message }, 'queue worker error');
  }

  /**
   * An attempt BullMQ will retry (the database or a receiver away for a moment) is a warning; a job
   * out of attempts is an error someone must look at.
   */
  @OnWorkerEvent('failed')
  onJobFailed(job: { id?: string; name: string; attemptsMade: number; opts?: { attempts?: number } } | undefined, error: Error): void {
    const fields = { jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error.message };
    if (job && job.attemptsMade < (job.opts?.attempts ?? 1)) this.logger.warn(fields, 'job failed; will retry');
    else this.logger.error(fields, 'job failed');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const connected = await Promise.race([
      this.worker.waitUntilReady().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, READY_PROBE_MS, false)),
    ]);
    await this.worker.close(!connected);
  }
}

/** One handler per job of queue Q, each typed with its own payload (jobs.ts). */
export type JobHandlers<Q extends QueueName> = { readonly [N in JobsOn<Q>]: (payload: JobPayloads[N], job: Job) => Promise<unknown> };

/**
 * A worker for one queue that dispatches each job to its handler by name. The handler map is checked
 * against jobs.ts at compile time: a job added to a queue without a handler does not build.
 */
export abstract class QueueProcessor<Q extends QueueName> extends ShutdownSafeWorkerHost {
  protected abstract readonly handlers: JobHandlers<Q>;

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Readonly<Record<string, ((payload: unknown, job: Job) => Promise<unknown>) | undefined>>)[job.name];
    if (!handler) throw new Error(`unknown job ${job.name} on ${this.worker.name}`);
    return handler(job.data, job);
  }
}
