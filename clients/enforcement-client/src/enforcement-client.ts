// The in-process enforcement client: a copy of the active grants, loaded from a snapshot and kept in
// step by long polling the change feed, answering with the service's own decision rules.

import {
  challengeFor,
  claimsOf,
  DEFAULT_STEP_UP_ACR,
  evaluateEnforcement,
  evaluationProblems,
  type Challenge,
  type ChallengeStyle,
  type EnforcementDecision,
  type IndexedGrant,
  type TokenClaims,
} from '../../../src/enforcement/domain/enforcement-decision.js';
import { GrantCopy } from '../../../src/enforcement/domain/grant-copy.js';
import type { Surface } from '../../../src/shared/surfaces.js';
import { backoffDelay, DEFAULT_BACKOFF, longPollWaitSeconds, MIN_STALE_AFTER_MS, type BackoffOptions } from './backoff.js';
import { TypedEmitter } from './emitter.js';
import { FeedShapeError, readChanges, readSnapshot, type ChangesPage, type FeedItem } from './feed.js';
import { Freshness } from './freshness.js';
import { ServiceApi, ServiceError, type CallOptions } from './http.js';
import { UsageBatch } from './usage-batch.js';

export interface EnforcementClientOptions {
  /** The service's base URL, e.g. `https://mfa-exceptions.internal`. */
  readonly baseUrl: string;
  /** A token with the role `Exceptions.Enforcement`; asked for on every call, so it may rotate. */
  readonly getToken: () => Promise<string> | string;
  /** Fail closed when no poll answer has confirmed the copy for this long (default 5000, at least 2000). */
  readonly staleAfterMs?: number;
  /** How often exempt answers are reported (default 5000). */
  readonly usageFlushMs?: number;
  /** At most this many grants' counts wait to be reported (default 10,000); more are dropped and counted. */
  readonly maxPendingUsage?: number;
  /** The challenge style of mfa_required answers (default `default`, the seed's `Bearer error="invalid_token"`). */
  readonly challengeStyle?: ChallengeStyle;
  /** acr_values of `rfc9470` challenges; set it to the service's STEP_UP_ACR if that is changed. */
  readonly stepUpAcr?: string;
  /** Reconnect backoff (default base 100 ms, cap 5000 ms, full jitter). */
  readonly backoff?: Partial<BackoffOptions>;
  /** A fetch of your own (a proxy agent, instrumentation); default the global one. */
  readonly fetch?: typeof fetch;
}

export interface DecideInput {
  readonly surface: Surface | (string & {});
  /** The user, when the token's claims are not given: no amr then, so no MFA done. */
  readonly tenantId?: string;
  readonly userId?: string;
  /** The checked token's claims (`tid`, `oid`, `amr`, `idtyp`); they win over tenantId and userId. */
  readonly claims?: TokenClaims;
  /** The instant to decide for (epoch ms; default now): grants are compared with it. */
  readonly now?: number;
  readonly challengeStyle?: ChallengeStyle;
}

/** The service's decision, or mfa_required because the local copy is not known to be current. */
export type ClientDecision =
  EnforcementDecision | { readonly decision: 'mfa_required'; readonly reason: 'client_stale'; readonly challenge: Challenge };

export interface ClientStatus {
  /** Whether decisions are answered from the copy (false: every decide is mfa_required). */
  readonly synced: boolean;
  /** Milliseconds since an answer last confirmed the copy; null before the first. */
  readonly lagMs: number | null;
  /** Grants in the copy. */
  readonly grants: number;
  /** The feed position the copy reflects. */
  readonly cursor: string | null;
  /** The last failed call, if any, in words. */
  readonly lastError: string | null;
}

export interface AppliedChange {
  readonly cursor: string;
  readonly type: FeedItem['type'];
  readonly grantId: string;
}

export interface ClientEvents extends Record<string, unknown[]> {
  stale: [info: { lagMs: number | null }];
  synced: [info: { grants: number; cursor: string | null }];
  error: [error: Error];
  change: [change: AppliedChange];
}

/** decide() was given input the service would answer 400: a bug in the caller, not a reason to skip MFA. */
export class DecisionInputError extends TypeError {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'DecisionInputError';
  }
}

function checkInput(surface: unknown, claims: TokenClaims, idsMatched: boolean): void {
  const problems = evaluationProblems(surface, claims, idsMatched);
  if (problems.length) throw new DecisionInputError(problems);
}

/** Any call that gets no answer for this long is given up and retried. */
const CALL_TIMEOUT_MS = 10_000;
/** The usage report at stop() gets this long. */
const STOP_FLUSH_TIMEOUT_MS = 2_000;
/** Usage items per POST. */
const USAGE_CHUNK = 500;

export class EnforcementClient extends TypedEmitter<ClientEvents> {
  private readonly api: ServiceApi;
  private readonly freshness: Freshness;
  private readonly waitSeconds: number;
  private readonly backoff: BackoffOptions;
  private readonly usage: UsageBatch;
  private readonly usageFlushMs: number;
  private readonly challengeStyle: ChallengeStyle;
  private readonly stepUpAcr: string;
  private readonly stopController = new AbortController();
  private copy = new GrantCopy();
  private readonly grantsOf = (tenantId: string, userId: string): readonly IndexedGrant[] => this.copy.grantsOf(tenantId, userId);
  private cursor: string | null = null;
  private lastError: string | null = null;
  private started: Promise<void> | null = null;
  private stopped: Promise<void> | null = null;
  private loop: Promise<void> | null = null;
  private firstSync: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private staleTimer: NodeJS.Timeout | undefined;
  private usageTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | null = null;

  constructor(options: EnforcementClientOptions) {
    super();
    const staleAfterMs = options.staleAfterMs ?? 5_000;
    if (!(staleAfterMs >= MIN_STALE_AFTER_MS)) throw new RangeError(`staleAfterMs must be at least ${MIN_STALE_AFTER_MS}`);
    this.api = new ServiceApi(options);
    this.freshness = new Freshness(staleAfterMs);
    this.waitSeconds = longPollWaitSeconds(staleAfterMs);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.usage = new UsageBatch(options.maxPendingUsage ?? 10_000);
    this.usageFlushMs = options.usageFlushMs ?? 5_000;
    this.challengeStyle = options.challengeStyle ?? 'default';
    this.stepUpAcr = options.stepUpAcr ?? DEFAULT_STEP_UP_ACR;
  }

  /**
   * Loads the snapshot and follows the feed until stop(). Resolves once the copy is current; until
   * then (and whenever it falls behind) every decide is mfa_required. Failures are retried with
   * backoff and reported as 'error' events; the promise rejects only if stop() comes first.
   */
  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the client was stopped'));
    this.started ??= new Promise<void>((resolve, reject) => {
      this.firstSync = { resolve, reject };
      this.usageTimer = setInterval(() => void this.flushUsage(this.stopController.signal), this.usageFlushMs);
      this.usageTimer.unref();
      this.loop = this.follow();
    });
    return this.started;
  }

  /** Aborts the held poll, reports the usage counted so far, and clears every timer. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  /** The decision for one call, from the local copy; synchronous. Throws DecisionInputError on malformed input. */
  decide(input: DecideInput): ClientDecision {
    const claims = claimsOf(input);
    const challengeStyle = input.challengeStyle ?? this.challengeStyle;
    const clock = Date.now();
    // Fail closed: a copy not confirmed lately could still honour a revoked grant.
    if (!this.freshness.isCurrent(clock)) {
      checkInput(input.surface, claims, false);
      return { decision: 'mfa_required', reason: 'client_stale', challenge: challengeFor(challengeStyle, this.stepUpAcr) };
    }
    const now = input.now ?? clock;
    let decision: EnforcementDecision;
    try {
      decision = evaluateEnforcement({
        surface: input.surface,
        claims,
        now,
        grantsOf: this.grantsOf,
        challengeStyle,
        stepUpAcr: this.stepUpAcr,
      });
    } catch (error) {
      checkInput(input.surface, claims, false);
      throw error;
    }
    // Checked after deciding: ids that found a grant are known UUIDs, so an exempt answer needs no
    // pattern test, and without claims nothing else is left to check.
    if (decision.decision !== 'exempt') {
      checkInput(input.surface, claims, false);
      return decision;
    }
    if (input.claims) checkInput(input.surface, claims, true);
    this.usage.record(decision.grantId, now);
    return decision;
  }

  /** Whether this user may skip MFA on this surface now (or at `now`): decide's exempt, as a boolean. */
  isExempt(tenantId: string, userId: string, surface: Surface | (string & {}), now?: number): boolean {
    return this.decide({ tenantId, userId, surface, now }).decision === 'exempt';
  }

  status(): ClientStatus {
    const now = Date.now();
    return {
      synced: this.freshness.isCurrent(now),
      lagMs: this.freshness.lagMs(now),
      grants: this.copy.size,
      cursor: this.cursor,
      lastError: this.lastError,
    };
  }

  /** Sends the exempt answers counted so far now (also done every usageFlushMs and at stop). */
  flush(): Promise<void> {
    return this.flushUsage(this.stopController.signal);
  }

  private async follow(): Promise<void> {
    const signal = this.stopController.signal;
    for (let failures = 0; !signal.aborted;) {
      try {
        // Only a poll answer ends a run of failures: a snapshot followed by a refused cursor must
        // still back off, not load snapshots in a tight loop.
        if (this.cursor === null) await this.loadSnapshot();
        else if (await this.poll()) failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        // A cursor the service no longer knows (or never issued): start again from a snapshot.
        if (error instanceof ServiceError && (error.status === 410 || error.status === 400)) this.cursor = null;
        this.report(error);
        await this.sleep(backoffDelay(failures++, this.backoff));
      }
    }
  }

  private async loadSnapshot(): Promise<void> {
    const { grants, cursor } = await readSnapshot(this.api, this.callOptions(CALL_TIMEOUT_MS));
    const copy = new GrantCopy();
    for (const grant of grants) copy.add(grant);
    // Swapped whole: decisions meanwhile were answered from the previous copy (while it was fresh).
    this.copy = copy;
    this.cursor = cursor;
    // Not yet confirmed: the changes after the snapshot's position are read next, without waiting.
  }

  /** Answers whether the poll was answered (always true; a failure throws). */
  private async poll(): Promise<boolean> {
    // While the copy is current the service may hold the poll; otherwise it must answer at once.
    const wait = this.freshness.isCurrent(Date.now()) ? this.waitSeconds : 0;
    const page = await readChanges(this.api, this.cursor!, wait, this.callOptions(wait * 1000 + this.freshness.staleAfterMs));
    this.apply(page);
    if (page.nextCursor === null) this.confirm();
    return true;
  }

  private apply(page: ChangesPage): void {
    for (const item of page.items) {
      if (typeof item?.cursor !== 'string' || typeof item.grant?.grantId !== 'string')
        throw new FeedShapeError('a change without cursor or grant');
      if (item.type === 'created') this.copy.add(item.grant);
      else this.copy.remove(item.grant.grantId);
      this.cursor = item.cursor;
      this.emit('change', { cursor: item.cursor, type: item.type, grantId: item.grant.grantId });
    }
    this.cursor = page.resumeCursor;
  }

  /** An answer showed the copy holds every committed change. */
  private confirm(): void {
    const now = Date.now();
    const change = this.freshness.confirm(now);
    this.scheduleStaleCheck(now);
    if (change === 'synced') this.emit('synced', { grants: this.copy.size, cursor: this.cursor });
    this.firstSync?.resolve();
    this.firstSync = null;
  }

  private scheduleStaleCheck(now: number): void {
    clearTimeout(this.staleTimer);
    if (this.stopController.signal.aborted) return;
    this.staleTimer = setTimeout(() => this.checkStale(), Math.max(0, this.freshness.staleAt() - now) + 1);
    this.staleTimer.unref();
  }

  private checkStale(): void {
    const now = Date.now();
    if (this.freshness.isCurrent(now)) return this.scheduleStaleCheck(now);
    if (this.freshness.check(now) === 'stale') this.emit('stale', { lagMs: this.freshness.lagMs(now) });
  }

  private flushUsage(signal: AbortSignal, timeoutMs = CALL_TIMEOUT_MS): Promise<void> {
    // One report at a time; a flush asked for meanwhile waits for it and then sends what is new.
    const run = (this.flushing ?? Promise.resolve()).then(() => this.sendUsage(signal, timeoutMs));
    const settled: Promise<void> = run.then(() => {
      if (this.flushing === settled) this.flushing = null;
    });
    this.flushing = settled;
    return run;
  }

  private async sendUsage(signal: AbortSignal, timeoutMs: number): Promise<void> {
    const items = this.usage.take();
    for (let i = 0; i < items.length; i += USAGE_CHUNK) {
      const chunk = items.slice(i, i + USAGE_CHUNK);
      try {
        await this.api.post('/v1/enforcement/usage', { signal, timeoutMs, body: { items: chunk } });
      } catch (error) {
        // Kept and merged into the next batch (bounded), so an outage loses no counts.
        this.usage.restore(items.slice(i));
        // Cut short by stop(): not a failure, the last report at stop sends them.
        if (!signal.aborted) this.report(error);
        return;
      }
    }
  }

  private async shutdown(): Promise<void> {
    this.stopController.abort(new Error('the enforcement client was stopped'));
    clearTimeout(this.staleTimer);
    clearInterval(this.usageTimer);
    await this.loop?.catch(() => undefined);
    this.firstSync?.reject(new Error('stopped before the first sync'));
    this.firstSync = null;
    // The last report, on a signal of its own: the stop signal is already aborted.
    await this.flushUsage(new AbortController().signal, STOP_FLUSH_TIMEOUT_MS).catch(() => undefined);
  }

  private callOptions(timeoutMs: number): CallOptions {
    return { signal: this.stopController.signal, timeoutMs };
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopController.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private report(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.lastError = failure.message;
    this.emit('error', failure);
  }
}
