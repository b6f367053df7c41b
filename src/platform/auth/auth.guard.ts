import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../shared/domain-error.js';
import { ALLOW_KEY, PUBLIC_KEY } from './access.decorators.js';
import { AuthenticationError } from './authentication-error.js';
import { belongsTo, type Audience, type Caller } from './caller.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Every route needs a valid bearer token unless marked @Public, and is closed to everyone unless
 * @Allow names the caller's group: a route someone forgot to annotate fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const audiences = this.reflector.getAllAndOverride<Audience[] | undefined>(ALLOW_KEY, targets) ?? [];
    // Under /v1 the request gate has verified the token before the body was read.
    request.caller = request.caller
      ? requireAudience(request.caller, audiences)
      : await authorize(this.verifier, request.headers.authorization, audiences);
    return true;
  }
}

/** The bearer token verified and its caller in one of `audiences`: 401 or 403 otherwise. */
export async function authorize(
  verifier: TokenVerifier,
  authorization: string | undefined,
  audiences: readonly Audience[],
): Promise<Caller> {
  const token = bearerToken(authorization);
  return requireAudience(verifier.cached(token) ?? (await verifier.verify(token)), audiences);
}

/** The caller, if it is in one of `audiences`; 403 otherwise. */
export function requireAudience(caller: Caller, audiences: readonly Audience[]): Caller {
  if (!audiences.some((audience) => belongsTo(caller, audience))) {
    throw new ForbiddenError('Your roles do not allow this operation.');
  }
  return caller;
}

export function bearerToken(header: string | undefined): string {
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header?.trim() ?? '');
  if (!match) throw new AuthenticationError('A bearer token is required.');
  return match[1];
}
