import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { bearerToken, requireAudience } from '../platform/auth/auth.guard.js';
import type { Audience, Caller } from '../platform/auth/caller.js';
import { TokenVerifier } from '../platform/auth/token-verifier.js';
import { problemAnswer } from '../platform/errors/problem-details.filter.js';
import type { RawRoutes } from '../platform/http/hot-path-server.js';
import { jsonLimitBroken } from '../platform/http/json-limits.js';
import { requestIdOf } from '../platform/http/request-id.js';
import { RequestValidationError, StrictValidationPipe } from '../platform/http/validation.js';
import { observeHttp } from '../platform/metrics/registry.js';
import { isUuid } from '../shared/ids.js';
import { SURFACES, type Surface } from '../shared/surfaces.js';
import { isSurface, type ChallengeStyle, type TokenClaims } from './domain/enforcement-decision.js';
import { EvaluateDto } from './dto/enforcement.models.js';
import { EnforcementService } from './enforcement.service.js';
import { statusParams } from './status-query.js';

export const STATUS_PATH = '/v1/enforcement/status';
export const EVALUATE_PATH = '/v1/enforcement/evaluate';
const ENFORCEMENT_ONLY: readonly Audience[] = ['enforcement'];
const JSON_TYPE = 'application/json; charset=utf-8';
const EVALUATE_FIELDS = new Set(['surface', 'claims', 'challengeStyle']);

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly route: string;
  readonly requestId: string;
  readonly started: number;
}

/**
 * GET /v1/enforcement/status and POST /v1/enforcement/evaluate, answered on the raw request before
 * Fastify sees it: they are asked on every protected sign-in and API call of every partner, and
 * routing, hooks and serialisation cost a third of each answer. The checks are the same as on every
 * route (bearer token through the verified-token cache, the enforcement role, the same validation and
 * problem+json errors, the same headers, the request in the metrics); what a client sends unusually
 * (another content type, no body length) is declined and served by Fastify and Nest as before.
 */
@Injectable()
export class EnforcementHotPath implements RawRoutes {
  private readonly logger = new Logger('Errors');
  private readonly validation = new StrictValidationPipe();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly enforcement: EnforcementService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    if (req.method === 'GET' && url.startsWith(STATUS_PATH) && (url.length === STATUS_PATH.length || url[STATUS_PATH.length] === '?')) {
      this.authenticated(this.exchange(req, res, STATUS_PATH));
      return true;
    }
    if (
      req.method === 'POST' &&
      url === EVALUATE_PATH &&
      isJson(req.headers['content-type']) &&
      req.headers['content-length'] !== undefined
    ) {
      this.authenticated(this.exchange(req, res, EVALUATE_PATH));
      return true;
    }
    return false;
  }

  private exchange(req: IncomingMessage, res: ServerResponse, route: string): Exchange {
    return { req, res, route, requestId: requestIdOf(req), started: performance.now() };
  }

  /** Answers the route for an enforcement caller; synchronous (no closure) when the token was verified before. */
  private authenticated(exchange: Exchange): void {
    try {
      const header = exchange.req.headers.authorization;
      const caller = this.verifier.cachedBearer(header);
      if (caller) this.answer(exchange, caller);
      else
        this.verifier.verify(bearerToken(header)).then(
          (verified) => this.answer(exchange, verified),
          (error: unknown) => this.fail(exchange, error),
        );
    } catch (error) {
      this.fail(exchange, error);
    }
  }

  private answer(exchange: Exchange, caller: Caller): void {
    try {
      requireAudience(caller, ENFORCEMENT_ONLY);
      if (exchange.route === STATUS_PATH) this.status(exchange);
      else this.evaluate(exchange);
    } catch (error) {
      this.fail(exchange, error);
    }
  }

  private status(exchange: Exchange): void {
    const url = exchange.req.url ?? '';
    const question = url.indexOf('?');
    const { tenantId, userId, surface } = parseStatusQuery(question < 0 ? {} : statusParams(url.slice(question + 1)));
    this.send(exchange, 200, this.enforcement.statusBody(tenantId, userId, surface));
  }

  private evaluate(exchange: Exchange): void {
    const length = Number(exchange.req.headers['content-length']);
    if (!(length <= this.config.bodyLimitBytes)) {
      this.fail(exchange, Object.assign(new Error('Request body is too large'), { statusCode: 413 }));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    exchange.req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= length) chunks.push(chunk);
    });
    exchange.req.on('end', () => {
      try {
        // A small body arrives in one chunk: no copy.
        const body = parseBody((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'));
        this.decide(exchange, body);
      } catch (error) {
        this.fail(exchange, error);
      }
    });
    exchange.req.on('error', (error) => this.fail(exchange, error));
  }

  private decide(exchange: Exchange, body: unknown): void {
    if (!plainlyValid(body)) {
      // The unusual body gets exactly the errors of every other route: the same pipe, the same DTO.
      this.validation.transform(body, { type: 'body', metatype: EvaluateDto }).then(
        (value) => {
          const dto = value as EvaluateDto;
          this.answerDecision(exchange, dto.surface, dto.claims, dto.challengeStyle);
        },
        (error: unknown) => this.fail(exchange, error),
      );
      return;
    }
    this.answerDecision(exchange, body.surface, body.claims, body.challengeStyle);
  }

  private answerDecision(exchange: Exchange, surface: unknown, claims: TokenClaims, style: ChallengeStyle | undefined): void {
    try {
      this.send(exchange, 200, this.enforcement.evaluateBody(surface, claims, style));
    } catch (error) {
      this.fail(exchange, error);
    }
  }

  private fail(exchange: Exchange, error: unknown): void {
    if (exchange.res.headersSent) return;
    const answer = problemAnswer(error, exchange.route, exchange.requestId, this.logger);
    // As Fastify sends a string body: the content type with its charset.
    this.send(exchange, answer.status, answer.body, {
      ...answer.headers,
      'content-type': `${answer.headers['content-type']}; charset=utf-8`,
    });
  }

  private send(exchange: Exchange, status: number, body: string, headers?: Record<string, string>): void {
    const { res } = exchange;
    res.writeHead(status, {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
      'x-request-id': exchange.requestId,
      ...headers,
    });
    res.end(body);
    observeHttp(exchange.req.method ?? 'GET', exchange.route, status, (performance.now() - exchange.started) / 1000);
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

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
}

/** The body as JSON, refused as Fastify's parser and the JSON limits refuse it; empty is `{}`. */
function parseBody(text: string): unknown {
  if (text.trim() === '') return {};
  const broken = jsonLimitBroken(text);
  if (broken) throw new RequestValidationError(400, [{ field: '(body)', message: broken }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), { statusCode: 400 });
  }
}

/** The usual body: only known fields, of the right types (anything else goes through the pipe). */
function plainlyValid(body: unknown): body is { surface: string; claims: TokenClaims; challengeStyle?: ChallengeStyle } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const value = body as Record<string, unknown>;
  for (const key in value) if (!EVALUATE_FIELDS.has(key)) return false;
  const claims = value.claims;
  return (
    typeof value.surface === 'string' &&
    typeof claims === 'object' &&
    claims !== null &&
    !Array.isArray(claims) &&
    (value.challengeStyle === undefined || value.challengeStyle === 'default' || value.challengeStyle === 'rfc9470')
  );
}
