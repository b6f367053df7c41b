import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Audience, Caller } from './caller.js';

export const ALLOW_KEY = 'access:allow';
export const PUBLIC_KEY = 'access:public';

/** Opens a route (or every route of a controller) to these groups of callers; all others get 403. */
export const Allow = (...audiences: Audience[]) => SetMetadata(ALLOW_KEY, audiences);

/** A route that needs no token (health, API documents). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
