import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, requireAudience } from '../platform/auth/auth.guard.js';
import type { Audience, Caller } from '../platform/auth/caller.js';
import { TokenVerifier } from '../platform/auth/token-verifier.js';
import { sendProblem } from '../platform/errors/problem-details.filter.js';
import { RequestValidationError } from '../platform/http/validation.js';
import { SURFACES, type Surface } from '../shared/surfaces.js';
import { isSurface } from './domain/enforcement-decision.js';
import { EnforcementService } from './enforcement.service.js';
import { isUuid } from '../shared/ids.js';

export const STATUS_PATH = '/v1/enforcement/status';
const ENFORCEMENT_ONLY: readonly Audience[] = ['enforcement'];

/**
 * GET /v1/enforcement/status as a plain Fastify route. It is the hot path (every protected call of
 * every partner), and Nest's router, guard and pipe machinery cost about half of each answer; the
 * checks are the guard's (bearer token, verified-token cache, enforcement role, problem+json errors),
 * called directly.
 */
@Injectable()
export class StatusFastPath {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly enforcement: EnforcementService,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.get(STATUS_PATH, { schema: { response: { 200: STATUS_RESPONSE_SCHEMA } } }, (request, reply) => {
      // Synchronous when the token was verified before (the usual case): no promise per call.
      try {
        const token = bearerToken(request.headers.authorization);
        const caller = this.verifier.cached(token);
        if (caller) this.answer(caller, request, reply);
        else
          this.verifier
            .verify(token)
            .then((verified) => this.answer(verified, request, reply))
            .catch((error: unknown) => this.fail(request, reply, error));
      } catch (error) {
        this.fail(request, reply, error);
      }
      return reply;
    });
  }

  private answer(caller: Caller, request: FastifyRequest, reply: FastifyReply): void {
    try {
      requireAudience(caller, ENFORCEMENT_ONLY);
      const { tenantId, userId, surface } = parseStatusQuery(request.query as Record<string, unknown>);
      void reply.send(this.enforcement.status(tenantId, userId, surface));
    } catch (error) {
      this.fail(request, reply, error);
    }
  }

  private fail(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
    sendProblem(request, reply, error, this.logger);
  }
}

export function parseStatusQuery(query: Record<string, unknown>): { tenantId: string; userId: string; surface: Surface } {
  const problems = [];
  if (!isUuid(query.tenantId)) problems.push({ field: 'tenantId', message: 'tenantId must be a UUID' });
  if (!isUuid(query.userId)) problems.push({ field: 'userId', message: 'userId must be a UUID' });
  if (!isSurface(query.surface)) problems.push({ field: 'surface', message: `surface must be one of ${SURFACES.join(', ')}` });
  if (problems.length) throw new RequestValidationError(400, problems);
  return {
    tenantId: (query.tenantId as string).toLowerCase(),
    userId: (query.userId as string).toLowerCase(),
    surface: query.surface as Surface,
  };
}

const nullableString = { type: ['string', 'null'] };
const STATUS_RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    exempt: { type: 'boolean' },
    grantId: nullableString,
    expiresAt: nullableString,
  },
};

/** The route's OpenAPI entry: Nest's document builder only sees controller routes. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemModel' } } },
});
export const STATUS_OPENAPI = {
  get: {
    operationId: 'getEnforcementStatus',
    tags: ['enforcement'],
    summary: 'Is MFA exempt for this tenant, user and surface now? Answered from memory (enforcement role).',
    security: [{ bearer: [] }],
    parameters: [
      { name: 'tenantId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'userId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'surface', in: 'query', required: true, schema: { type: 'string', enum: [...SURFACES] } },
    ],
    responses: {
      '200': {
        description: '{ exempt, grantId, expiresAt }',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/StatusModel' } } },
      },
      '400': problem('a parameter is missing or malformed (validation.failed)'),
      '401': problem('no valid bearer token (auth.invalid_token)'),
      '403': problem('not an enforcement caller (auth.forbidden)'),
      '503': problem('this instance has not caught up with recent grant changes: require MFA and retry (service.unavailable)'),
    },
  },
};
