import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';

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

  @OnWorkerEvent('failed')
  onJobFailed(job: { id?: string; name: string; attemptsMade: number } | undefined, error: Error): void {
    this.logger.error({ jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error.message }, 'job failed');
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
