import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { isReviewer, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination/cursor.js';
import { cancelGrantTimerJobs, grantTimerJobs } from '../queue/jobs.js';
import { grantStatus } from './domain/grant-status.js';
import type { ListGrantsQuery } from './dto/grants.dto.js';
import { ExceptionGrantEntity } from './exception-grant.entity.js';
import { GrantChangeWatchers } from './grant-change-watchers.js';
import { GrantFeedRepository, grantStateOf } from './grant-feed.repository.js';
import type { GrantModel } from './dto/grant.models.js';
import { GrantsRepository } from './grants.repository.js';
import { displayNameOnly, type PersonRef, type PersonView } from '../shared/person.js';
import type { Surface } from '../shared/surfaces.js';

/** A grant as its caller may see it: partners see the reviewers who made or revoked it by name only. */
export function toGrantView(grant: ExceptionGrantEntity, now: Date, caller: Caller): GrantModel {
  const { grantId, ...state } = grantStateOf(grant);
  const person = (ref: PersonView) => (isReviewer(caller) ? { ...ref } : displayNameOnly(ref));
  return {
    id: grantId,
    ...state,
    status: grantStatus(grant, now),
    createdAt: grant.createdAt.toISOString(),
    createdBy: person(grant.createdBy),
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    revokedBy: grant.revokedBy ? person(grant.revokedBy) : null,
    revokeReason: grant.revokeReason,
    useCount: grant.useCount,
    lastUsedAt: grant.lastUsedAt?.toISOString() ?? null,
  };
}
export type GrantView = GrantModel;

/** What an approval decides about its grant. */
export interface NewGrant {
  readonly id: string;
  readonly requestId: string;
  readonly tenantId: string;
  readonly userIds: readonly string[];
  readonly surfaces: readonly Surface[];
  readonly expiresAt: Date;
  /** The reviewer who approved. */
  readonly createdBy: PersonRef;
}

@Injectable()
export class GrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: GrantsRepository,
    private readonly feed: GrantFeedRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxRepository,
    private readonly notifications: NotificationsRepository,
    private readonly watchers: GrantChangeWatchers,
    private readonly clock: Clock,
  ) {}

  list(caller: Caller, query: ListGrantsQuery) {
    const now = this.clock.now();
    const reviewer = isReviewer(caller);
    if (!reviewer && query.tenantId && query.tenantId.toLowerCase() !== caller.tenantId) return { items: [], nextCursor: null };
    return this.grants.list(
      {
        tenantId: reviewer ? (query.tenantId?.toLowerCase() ?? null) : caller.tenantId,
        status: query.status,
        expiringBefore: query.expiringBefore ? new Date(query.expiringBefore) : undefined,
      },
      now,
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
      (g) => toGrantView(g, now, caller),
    );
  }

  async get(caller: Caller, id: string): Promise<GrantView> {
    const grant = await this.grants.find(id, isReviewer(caller) ? null : caller.tenantId);
    if (!grant) throw new NotFoundError('Exception grant', id);
    return toGrantView(grant, this.clock.now(), caller);
  }

  /**
   * Creates the grant an approval carries, in the caller's transaction: the row, its entry in the
   * change feed (which every enforcement copy follows), its audit event and its timers (expiry
   * notices and the expiry itself).
   */
  async create(em: EntityManager, grant: NewGrant, now: Date): Promise<ExceptionGrantEntity> {
    const row = Object.assign(new ExceptionGrantEntity(), {
      id: grant.id,
      requestId: grant.requestId,
      tenantId: grant.tenantId,
      userIds: grant.userIds.map((u) => u.toLowerCase()),
      surfaces: [...grant.surfaces],
      validFrom: now,
      expiresAt: grant.expiresAt,
      createdBy: grant.createdBy,
      createdAt: now,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
      useCount: 0,
      lastUsedAt: null,
    } satisfies ExceptionGrantEntity);
    await this.grants.insert(em, row);
    await this.feed.append(em, 'created', row, now);
    await this.audit.append(em, {
      requestId: row.requestId,
      tenantId: row.tenantId,
      type: 'grant.created',
      actor: { kind: 'reviewer', userId: grant.createdBy.userId },
      at: now,
      data: { grantId: row.id, userIds: row.userIds, surfaces: row.surfaces, expiresAt: row.expiresAt.toISOString() },
    });
    await this.outbox.enqueue(em, grantTimerJobs(row.id, row.expiresAt, now), now);
    return row;
  }

  /**
   * Ends an active grant now: this instance's index has applied it when the answer leaves, every
   * other API instance within milliseconds (feed + NOTIFY).
   */
  async revoke(caller: Caller, id: string, reason: string): Promise<GrantView> {
    const view = await this.dataSource.transaction(async (em) => {
      const grant = await this.grants.lock(em, id);
      if (!grant) throw new NotFoundError('Exception grant', id);
      const now = this.clock.now();
      const status = grantStatus(grant, now);
      if (status !== 'active')
        throw new DomainError('grant.not_active', `A grant that is ${status} cannot be revoked.`, { currentStatus: status });
      grant.revokedAt = now;
      grant.revokedBy = { tenantId: caller.tenantId, userId: caller.userId, upn: caller.upn, name: caller.name };
      grant.revokeReason = reason;
      await this.grants.save(em, grant);
      await this.feed.append(em, 'revoked', grant, now);
      await this.audit.append(em, {
        requestId: grant.requestId,
        tenantId: grant.tenantId,
        type: 'grant.revoked',
        actor: { kind: 'reviewer', userId: caller.userId },
        at: now,
        from: 'active',
        to: 'revoked',
        data: { grantId: grant.id, reason },
      });
      await this.outbox.enqueue(em, cancelGrantTimerJobs(grant.id), now);
      return toGrantView(grant, now, caller);
    });
    await this.watchers.committed();
    return view;
  }

  /** The expiry timer (or the sweep): records the expiry in the feed and the audit trail, once. */
  expire(grantId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const grant = await this.grants.lock(em, grantId);
      const now = this.clock.now();
      if (!grant || grantStatus(grant, now) !== 'expired') return;
      if (!(await this.feed.append(em, 'expired', grant, grant.expiresAt))) return; // recorded before
      await this.audit.append(em, {
        requestId: grant.requestId,
        tenantId: grant.tenantId,
        type: 'grant.expired',
        actor: { kind: 'system', userId: null },
        at: now,
        from: 'active',
        to: 'expired',
        data: { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() },
      });
    });
  }

  async expireLapsed(): Promise<number> {
    const ids = await this.feed.expiredWithoutChange(this.clock.now());
    for (const id of ids) await this.expire(id);
    return ids.length;
  }

  /**
   * Tells the partner's admins that a grant ends soon, if it is still active: a notice (e-mailed) and
   * an audit event (which webhooks hear), once per grant and notice.
   */
  async noticeExpiry(grantId: string, daysBefore: number): Promise<void> {
    const now = this.clock.now();
    const grant = await this.grants.find(grantId, null);
    if (!grant || grantStatus(grant, now) !== 'active') return;
    const data = { grantId: grant.id, daysBefore, expiresAt: grant.expiresAt.toISOString() };
    await this.dataSource.transaction(async (em) => {
      const notice = {
        kind: 'grant.expiring',
        audience: 'partner_admins' as const,
        tenantId: grant.tenantId,
        requestId: grant.requestId,
        dedupeKey: `grant.expiring:${grant.id}:${daysBefore}d`,
        payload: data,
      };
      if (!(await this.notifications.record(notice, now, em))) return;
      await this.audit.append(em, {
        requestId: grant.requestId,
        tenantId: grant.tenantId,
        type: 'grant.expiring',
        actor: { kind: 'system', userId: null },
        at: now,
        data,
      });
    });
  }
}
