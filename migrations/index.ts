// Every migration, in order, as classes (not a glob: see toolchain notes). Add new ones at the end.
import { Foundation1795640009506 } from './1795640009506-Foundation.js';
import { ReviewQueueSlaGrants1795641806177 } from './1795641806177-ReviewQueueSlaGrants.js';
import { GrantFeedAndUsage1795642647523 } from './1795642647523-GrantFeedAndUsage.js';
import { CallerScopedIdempotency1795863746829 } from './1795863746829-CallerScopedIdempotency.js';
import { InternalNotesAndNotificationReads1795866743941 } from './1795866743941-InternalNotesAndNotificationReads.js';
import { WebhooksMailAndLocale1795869230106 } from './1795869230106-WebhooksMailAndLocale.js';

export const MIGRATIONS = [Foundation1795640009506, ReviewQueueSlaGrants1795641806177, GrantFeedAndUsage1795642647523, CallerScopedIdempotency1795863746829, InternalNotesAndNotificationReads1795866743941, WebhooksMailAndLocale1795869230106];
