export {
  EnforcementClient,
  DecisionInputError,
  type AppliedChange,
  type ClientDecision,
  type ClientEvents,
  type ClientStatus,
  type DecideInput,
  type EnforcementClientOptions,
} from './enforcement-client.js';
export { ServiceError } from './http.js';
export { FeedShapeError } from './feed.js';
export type { BackoffOptions } from './backoff.js';
export type { Challenge, ChallengeStyle, EnforcementDecision, TokenClaims } from '../../../src/enforcement/domain/enforcement-decision.js';
export { SURFACES, type Surface } from '../../../src/shared/surfaces.js';
