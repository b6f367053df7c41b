import type { Logger } from '@nestjs/common';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.js';
import { bearerToken } from '../auth/auth.guard.js';
import { isReviewer, type Caller } from '../auth/caller.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { RateLimitedError } from '../../shared/domain-error.js';
import { sendProblem } from '../errors/problem-details.filter.js';
import { FAIL_FAST, redisOptions } from '../redis/redis-options.js';

const API_PREFIX = '/v1/';
/** Machines on the hot path: authenticated by their own routes, never rate limited. */
const ENFORCEMENT_PREFIX = '/v1/enforcement/';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MINUTE = 60_000;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * What every /v1 request passes before its body is read: a verified bearer token (401 otherwise),
 * then the caller's rate limit (429 with Retry-After). Bodies of callers who are not let in are never
 * parsed; the route's guard then checks the roles on the caller found here.
 */
export async function installRequestGate(
  fastify: FastifyInstance,
  config: AppConfig,
  verifier: TokenVerifier,
  logger: Pick<Logger, 'error'>,
): Promise<void> {
  const limiters = await createLimiters(fastify, config);

  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    // An unknown path is answered 404 as it is, whoever asks.
    if (!url.startsWith(API_PREFIX) || request.method === 'OPTIONS' || request.is404) return done();
    const enforcement = url.startsWith(ENFORCEMENT_PREFIX);
    // Enforcement reads have no body and are never limited: their routes check the token themselves,
    // once, on the hot path.
    if (enforcement && request.method === 'GET') return done();
    let caller: Caller | undefined;
    try {
      const token = bearerToken(request.headers.authorization);
      caller = verifier.cached(token);
      if (!caller) {
        verifier.verify(token).then(
          (verified) => admit(request, reply, done, verified, enforcement),
          (error: unknown) => sendProblem(request, reply, error, logger),
        );
        return;
      }
    } catch (error) {
      sendProblem(request, reply, error, logger);
      return;
    }
    admit(request, reply, done, caller, enforcement);
  });

  function admit(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void, caller: Caller, enforcement: boolean): void {
    (request as FastifyRequest & { caller?: Caller }).caller = caller;
    const limiter = enforcement ? undefined : WRITES.has(request.method) ? limiters.writes : limiters.reads;
    if (!limiter) return done();
    limiter(request).then(
      (result) => {
        if (result.isAllowed || !result.isExceeded) return done();
        sendProblem(request, reply, new RateLimitedError(result.ttlInSeconds), logger);
      },
      // The store is told to skip its own errors; anything else must not let the request through silently.
      (error: unknown) => sendProblem(request, reply, error, logger),
    );
  }
}

/** Per tenant for partners, per person for staff (who act across tenants), per minute. */
function rateKey(request: FastifyRequest): string {
  const caller = (request as FastifyRequest & { caller: Caller }).caller;
  return isReviewer(caller) ? `user:${caller.tenantId}:${caller.userId}` : `tenant:${caller.tenantId}`;
}

async function createLimiters(fastify: FastifyInstance, config: AppConfig): Promise<{ writes?: Limiter; reads?: Limiter }> {
  const { writesPerMinute, readsPerMinute } = config.rateLimit;
  if (writesPerMinute === 0 && readsPerMinute === 0) return {};
  // Counters live in Redis so that every instance counts the same requests. With Redis away the
  // limit is skipped (fail open): refusing every request would turn a cache outage into an outage.
  const redis = new Redis(redisOptions(config.redis, FAIL_FAST));
  redis.on('error', () => undefined);
  fastify.addHook('onClose', (_instance, done) => {
    redis.disconnect();
    done();
  });
  await fastify.register(rateLimit, { global: false, redis, nameSpace: `${config.queuePrefix}:rate-limit:`, skipOnError: true });
  const limiter = (kind: string, max: number): Limiter | undefined =>
    max === 0 ? undefined : fastify.createRateLimit({ max, timeWindow: MINUTE, keyGenerator: (request) => `${kind}:${rateKey(request)}` });
  return { writes: limiter('writes', writesPerMinute), reads: limiter('reads', readsPerMinute) };
}
