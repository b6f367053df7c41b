// Every queue, job name and payload in one place. Job ids are deterministic so that relaying a job
// twice adds it once, and a timer can be found again to be replaced or cancelled. (BullMQ job ids
// may not contain ':'.)

import type { OutboxAction } from './outbox/outbox-job.entity.js';

export const QUEUES = {
  notifications: 'notifications',
  sla: 'sla',
  review: 'review',
  grants: 'grants',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
  webhookDeliveries: 'webhook-deliveries',
  mail: 'mail',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'request.filed': { requestId: string };
  'request.decided': { requestId: string; outcome: 'approved' | 'rejected' };
  'sla.at_risk': { requestId: string };
  'sla.breached': { requestId: string };
  'sla.reconcile': Record<string, never>;
  'review.expire_claims': Record<string, never>;
  'review.claim_expired': { requestId: string };
  'request.info_requested': { requestId: string };
  'grant.expiring': { grantId: string; daysBefore: number };
  'grant.expired': { grantId: string };
  'grants.reconcile': Record<string, never>;
  'maintenance.purge': Record<string, never>;
  'webhooks.fanout': { eventId: string };
  'webhooks.reconcile': Record<string, never>;
  'webhooks.deliver': { deliveryId: string; round: number };
  'mail.send': { notificationId: string };
}
export type JobName = keyof JobPayloads;

/** The queue each job runs on. */
export const QUEUE_OF = {
  'request.filed': QUEUES.notifications,
  'request.decided': QUEUES.notifications,
  'request.info_requested': QUEUES.notifications,
  'sla.at_risk': QUEUES.sla,
  'sla.breached': QUEUES.sla,
  'sla.reconcile': QUEUES.sla,
  'review.expire_claims': QUEUES.review,
  'review.claim_expired': QUEUES.review,
  'grant.expiring': QUEUES.grants,
  'grant.expired': QUEUES.grants,
  'grants.reconcile': QUEUES.grants,
  'maintenance.purge': QUEUES.maintenance,
  'webhooks.fanout': QUEUES.webhooks,
  'webhooks.reconcile': QUEUES.webhooks,
  'webhooks.deliver': QUEUES.webhookDeliveries,
  'mail.send': QUEUES.mail,
} as const satisfies Record<JobName, QueueName>;

/** The jobs that run on queue Q. */
export type JobsOn<Q extends QueueName> = { [N in JobName]: (typeof QUEUE_OF)[N] extends Q ? N : never }[JobName];

export interface JobSpec<N extends JobName = JobName> {
  readonly queue: QueueName;
  readonly name: N;
  readonly jobId: string;
  readonly payload: JobPayloads[N];
  /** Run no earlier than this; absent for at once. */
  readonly runAt?: Date;
  readonly action?: OutboxAction;
}

export function requestFiledJob(requestId: string): JobSpec<'request.filed'> {
  return { queue: QUEUES.notifications, name: 'request.filed', jobId: `request.filed-${requestId}`, payload: { requestId } };
}

export function requestDecidedJob(requestId: string, outcome: 'approved' | 'rejected'): JobSpec<'request.decided'> {
  return { queue: QUEUES.notifications, name: 'request.decided', jobId: `request.decided-${requestId}`, payload: { requestId, outcome } };
}

/** The two SLA timers of a request, set (replacing any earlier ones) to fire at these instants. */
export function slaTimerJobs(requestId: string, atRiskAt: Date, dueAt: Date): JobSpec[] {
  return [
    {
      queue: QUEUES.sla,
      name: 'sla.at_risk',
      jobId: `sla.at_risk-${requestId}`,
      payload: { requestId },
      runAt: atRiskAt,
      action: 'replace',
    },
    {
      queue: QUEUES.sla,
      name: 'sla.breached',
      jobId: `sla.breached-${requestId}`,
      payload: { requestId },
      runAt: dueAt,
      action: 'replace',
    },
  ];
}

/** Cancels both SLA timers of a request (decided, withdrawn or paused). */
export function cancelSlaTimerJobs(requestId: string): JobSpec[] {
  return [
    { queue: QUEUES.sla, name: 'sla.at_risk', jobId: `sla.at_risk-${requestId}`, payload: { requestId }, action: 'remove' },
    { queue: QUEUES.sla, name: 'sla.breached', jobId: `sla.breached-${requestId}`, payload: { requestId }, action: 'remove' },
  ];
}

/** Fires when a reviewer's claim lapses; moved by every renewal, cancelled when the claim ends. */
export function claimExpiryJob(requestId: string, expiresAt: Date): JobSpec<'review.claim_expired'> {
  return {
    queue: QUEUES.review,
    name: 'review.claim_expired',
    jobId: `review.claim_expired-${requestId}`,
    payload: { requestId },
    runAt: expiresAt,
    action: 'replace',
  };
}

export function cancelClaimExpiryJob(requestId: string): JobSpec<'review.claim_expired'> {
  return {
    queue: QUEUES.review,
    name: 'review.claim_expired',
    jobId: `review.claim_expired-${requestId}`,
    payload: { requestId },
    action: 'remove',
  };
}

export function infoRequestedJob(requestId: string, messageId: string): JobSpec<'request.info_requested'> {
  return {
    queue: QUEUES.notifications,
    name: 'request.info_requested',
    jobId: `request.info_requested-${messageId}`,
    payload: { requestId },
  };
}

const DAY = 86_400_000;
export const EXPIRY_NOTICE_DAYS = [14, 1] as const;

/** At creation: notices 14 days and 1 day before expiry (those still ahead), and the expiry itself. */
export function grantTimerJobs(grantId: string, expiresAt: Date, now: Date): JobSpec[] {
  const notices: JobSpec[] = EXPIRY_NOTICE_DAYS.map((days) => ({ days, at: new Date(expiresAt.getTime() - days * DAY) }))
    .filter(({ at }) => at.getTime() > now.getTime())
    .map(({ days, at }) => ({
      queue: QUEUES.grants,
      name: 'grant.expiring',
      jobId: `grant.expiring_${days}d-${grantId}`,
      payload: { grantId, daysBefore: days },
      runAt: at,
      action: 'replace',
    }));
  return [
    ...notices,
    {
      queue: QUEUES.grants,
      name: 'grant.expired',
      jobId: `grant.expired-${grantId}`,
      payload: { grantId },
      runAt: expiresAt,
      action: 'replace',
    },
  ];
}

/** A revoked grant neither expires nor warns. */
export function cancelGrantTimerJobs(grantId: string): JobSpec[] {
  return [
    ...EXPIRY_NOTICE_DAYS.map((days): JobSpec => ({
      queue: QUEUES.grants,
      name: 'grant.expiring',
      jobId: `grant.expiring_${days}d-${grantId}`,
      payload: { grantId, daysBefore: days },
      action: 'remove',
    })),
    { queue: QUEUES.grants, name: 'grant.expired', jobId: `grant.expired-${grantId}`, payload: { grantId }, action: 'remove' },
  ];
}

/** An audit event's deliveries to the webhooks that want it are worked out by this job. */
export function webhookFanoutJob(eventId: string): JobSpec<'webhooks.fanout'> {
  return { queue: QUEUES.webhooks, name: 'webhooks.fanout', jobId: `webhooks.fanout-${eventId}`, payload: { eventId } };
}

/** One delivery, one round: a new round (a manual retry, its turn in the request's order) is a new job. */
export function webhookDeliveryJob(deliveryId: string, round: number): JobSpec<'webhooks.deliver'> {
  return {
    queue: QUEUES.webhookDeliveries,
    name: 'webhooks.deliver',
    jobId: `webhooks.deliver-${deliveryId}-${round}`,
    payload: { deliveryId, round },
  };
}

/** The e-mails of one notice (once per notice, however often it is recorded). */
export function mailJob(notificationId: string): JobSpec<'mail.send'> {
  return { queue: QUEUES.mail, name: 'mail.send', jobId: `mail.send-${notificationId}`, payload: { notificationId } };
}
