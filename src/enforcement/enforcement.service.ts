import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { GrantFeedRepository } from '../grants/grant-feed.repository.js';
import { GrantsRepository } from '../grants/grants.repository.js';
import { Clock } from '../platform/clock.js';
import { ENFORCEMENT_DECISION } from '../platform/metrics/registry.js';
import { UnavailableError } from '../shared/domain-error.js';
import { RequestValidationError } from '../platform/http/validation.js';
import { encodeCursor, decodeCursor } from '../platform/pagination/cursor.js';
import type { Surface } from '../shared/surfaces.js';
import {
  evaluateEnforcement,
  evaluationProblems,
  exemptDecision,
  exemptingGrant,
  isSurface,
  type ChallengeStyle,
  type EnforcementDecision,
  type ExemptDecision,
  type IndexedGrant,
  type TokenClaims,
} from './domain/enforcement-decision.js';
import { TooManyWaitersError } from './domain/feed-waiters.js';
import { GrantIndex } from './grant-index.js';
import { HeldPolls } from './held-polls.js';
import { UsageCounter } from './usage-counter.js';

const FEED_CURSOR = 'grant-feed';
const SNAPSHOT_CURSOR = 'grant-snapshot';
/** Grants per snapshot page when the caller does not say (the first page, from the changes call). */
export const SNAPSHOT_PAGE_SIZE = 500;

export interface StatusAnswer {
  readonly exempt: boolean;
  readonly grantId: string | null;
  readonly expiresAt: string | null;
}

function statusAnswer(grant: IndexedGrant | undefined): StatusAnswer {
  return {
    exempt: grant !== undefined,
    grantId: grant?.grantId ?? null,
    expiresAt: grant ? (grant.expiresAtText ?? new Date(grant.expiresAt).toISOString()) : null,
  };
}

const NOT_EXEMPT_BODY = JSON.stringify(statusAnswer(undefined));
const ALLOW_BODIES: Record<string, string> = {
  app_only_token: JSON.stringify({ decision: 'allow', reason: 'app_only_token' }),
  mfa_completed: JSON.stringify({ decision: 'allow', reason: 'mfa_completed' }),
};

@Injectable()
export class EnforcementService {
  /** Keyed by the index's own grant objects: a revoked or replaced grant's entry goes with it. */
  private readonly statusBodies = new WeakMap<IndexedGrant, string>();
  /** The exempt answer per grant, and its JSON per answer: made once, as the status answer is. */
  private readonly exemptAnswers = new WeakMap<IndexedGrant, ExemptDecision>();
  private readonly exemptBodies = new WeakMap<ExemptDecision, string>();
  private readonly exemptOf = (grant: IndexedGrant): ExemptDecision => {
    let decision = this.exemptAnswers.get(grant);
    if (!decision) {
      this.exemptAnswers.set(grant, (decision = exemptDecision(grant)));
      this.exemptBodies.set(decision, JSON.stringify(decision));
    }
    return decision;
  };
  private readonly grantsOf = (tenantId: string, userId: string) => this.index.grantsOf(tenantId, userId);
  constructor(
    private readonly index: GrantIndex,
    private readonly usage: UsageCounter,
    private readonly feed: GrantFeedRepository,
    private readonly held: HeldPolls,
    private readonly grants: GrantsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  status(tenantId: string, userId: string, surface: Surface): StatusAnswer {
    return statusAnswer(this.exemptingGrant(tenantId, userId, surface));
  }

  /** The status answer as JSON, serialised once per grant (the hot path asks on every sign-in). */
  statusBody(tenantId: string, userId: string, surface: Surface): string {
    const grant = this.exemptingGrant(tenantId, userId, surface);
    if (!grant) return NOT_EXEMPT_BODY;
    let body = this.statusBodies.get(grant);
    if (body === undefined) this.statusBodies.set(grant, (body = JSON.stringify(statusAnswer(grant))));
    return body;
  }

  private exemptingGrant(tenantId: string, userId: string, surface: Surface): IndexedGrant | undefined {
    const now = this.freshNow();
    const grant = exemptingGrant(this.index.grantsOf(tenantId, userId), surface, now);
    if (grant) this.usage.record(grant.grantId, now);
    // A status call that finds no grant means MFA stays required.
    (grant ? ENFORCEMENT_DECISION.exempt : ENFORCEMENT_DECISION.mfa_required).inc();
    return grant;
  }

  evaluate(surface: unknown, claims: TokenClaims, challengeStyle: ChallengeStyle | undefined): EnforcementDecision {
    const now = this.clock.epochMs();
    // Decided first and checked after, as the in-process client does: ids that found a grant are the
    // index's UUIDs and need no pattern test. Malformed claims are a bug in the enforcement service, not
    // an unauthenticated user: 400, not mfa_required (and before a stale index's 503).
    const decision = isSurface(surface)
      ? evaluateEnforcement({
          surface,
          claims,
          now,
          challengeStyle,
          stepUpAcr: this.config.stepUpAcr,
          grantsOf: this.grantsOf,
          exempt: this.exemptOf,
        })
      : undefined;
    const problems = evaluationProblems(surface, claims, decision?.decision === 'exempt');
    if (problems.length || !decision) throw new RequestValidationError(400, problems);
    this.assertFresh(now);
    if (decision.decision === 'exempt') this.usage.record(decision.grantId, now);
    ENFORCEMENT_DECISION[decision.decision].inc();
    return decision;
  }

  /** The decision as JSON; an exempt or allow answer is serialised once (the hot path asks on every call). */
  evaluateBody(surface: unknown, claims: TokenClaims, challengeStyle: ChallengeStyle | undefined): string {
    const decision = this.evaluate(surface, claims, challengeStyle);
    if (decision.decision === 'allow') return ALLOW_BODIES[decision.reason];
    return (decision.decision === 'exempt' && this.exemptBodies.get(decision)) || JSON.stringify(decision);
  }

  /**
   * Use counts reported by in-process clients: one item per grant (repeats summed, the latest use
   * kept), added in one statement; unknown grants are skipped.
   */
  async recordUsage(items: readonly { grantId: string; count: number; lastUsedAt: string }[]): Promise<{ applied: number }> {
    const byGrant = new Map<string, { grantId: string; count: number; lastUsedAt: Date }>();
    for (const item of items) {
      const grantId = item.grantId.toLowerCase();
      const at = new Date(item.lastUsedAt);
      const seen = byGrant.get(grantId);
      if (!seen) byGrant.set(grantId, { grantId, count: item.count, lastUsedAt: at });
      else byGrant.set(grantId, { grantId, count: seen.count + item.count, lastUsedAt: at > seen.lastUsedAt ? at : seen.lastUsedAt });
    }
    return { applied: await this.grants.addUsage([...byGrant.values()]) };
  }

  /**
   * The feed after `cursor`, oldest first. Without a cursor: the feed from its beginning, plus the
   * first page of a snapshot of the active grants with the cursor to follow the feed from. Like every
   * list, `nextCursor` is null once the caller has caught up; `resumeCursor` is always where to poll
   * from next. With a cursor and `waitSeconds`, an empty answer is held until a change commits (on
   * any instance), the wait ends, the caller leaves or this instance shuts down.
   */
  async changes(cursor: string | undefined, limit: number, waitSeconds = 0, signal?: AbortSignal) {
    if (cursor === undefined) return this.firstChanges(limit);
    const after = decodeCursor(FEED_CURSOR, cursor, ['sequence'])![0];
    const page = await this.changesAfter(after, limit);
    if (page.items.length || waitSeconds === 0) return page;
    let outcome;
    try {
      outcome = await this.held.wait(after, waitSeconds * 1000, signal);
    } catch (error) {
      if (error instanceof TooManyWaitersError) {
        throw new UnavailableError(`This instance holds ${error.limit} long polls already; poll again shortly.`, 1);
      }
      throw error;
    }
    // Read again unless the instance is going away or the caller left: an answer at the end of the
    // wait tells a follower its copy is current as of now, so it must not be the page read before it.
    return outcome === 'changed' || outcome === 'timeout' ? this.changesAfter(after, limit) : page;
  }

  private async changesAfter(after: string, limit: number) {
    const rows = await this.feed.changesAfter(after, limit + 1);
    const items = rows
      .slice(0, limit)
      .map((row) => ({ cursor: encodeCursor(FEED_CURSOR, [row.seq]), type: row.type, at: row.at, grant: row.grant }));
    const last = rows.slice(0, limit).at(-1)?.seq ?? after;
    const resumeCursor = encodeCursor(FEED_CURSOR, [last]);
    return { items, nextCursor: rows.length > limit ? resumeCursor : null, resumeCursor };
  }

  private async firstChanges(limit: number) {
    const page = await this.changesAfter('0', limit);
    const snapshot = await this.snapshot(undefined, SNAPSHOT_PAGE_SIZE);
    return { ...page, snapshot: { cursor: snapshot.cursor, at: snapshot.at, grants: snapshot.items, nextCursor: snapshot.nextCursor } };
  }

  /**
   * The active grants, a page at a time (`nextCursor` for the next page), and `cursor`: the feed
   * position to follow changes from once every page is read. Later pages keep the first page's
   * position, so the copy is exact after following the feed from it.
   */
  async snapshot(cursor: string | undefined, limit: number) {
    const now = this.clock.now();
    const [position, afterId] = cursor === undefined ? [null, null] : decodeCursor(SNAPSHOT_CURSOR, cursor, ['sequence', 'uuid'])!;
    const page = await this.feed.snapshotPage(now, afterId, limit);
    const seq = position ?? page.seq!;
    const last = page.grants.at(-1);
    return {
      items: page.grants,
      nextCursor: page.more && last ? encodeCursor(SNAPSHOT_CURSOR, [seq, last.grantId]) : null,
      cursor: encodeCursor(FEED_CURSOR, [seq]),
      at: now.toISOString(),
    };
  }

  /** An index that has not caught up lately could honour a revoked grant: refuse, and callers fail closed. */
  private freshNow(): number {
    const now = this.clock.epochMs();
    this.assertFresh(now);
    return now;
  }

  private assertFresh(now: number): void {
    if (!this.index.isFresh(now)) {
      throw new UnavailableError('Exception data is not current on this instance; treat MFA as required and retry.', 1);
    }
  }
}
