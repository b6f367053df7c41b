// Every queue, job name and payload in one place. Job ids are deterministic so that relaying a job
// twice adds it once, and a timer can be found again to be replaced or cancelled.

export const QUEUES = {
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'request.filed': { requestId: string };
}
export type JobName = keyof JobPayloads;

export interface JobSpec<N extends JobName = JobName> {
  readonly queue: QueueName;
  readonly name: N;
  readonly jobId: string;
  readonly payload: JobPayloads[N];
  /** Run no earlier than this; absent for at once. */
  readonly runAt?: Date;
  /** Replace a waiting job with the same id (a timer whose due time moved). */
  readonly replace?: boolean;
}

export function requestFiledJob(requestId: string): JobSpec<'request.filed'> {
  return { queue: QUEUES.notifications, name: 'request.filed', jobId: `request.filed-${requestId}`, payload: { requestId } };
}
