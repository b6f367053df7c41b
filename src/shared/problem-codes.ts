// Every problem the service answers, by its stable `code`: one per rule, so that a UI can translate it
// (the `detail` is English prose for people reading logs and raw answers). The README's table of codes
// is checked against this list by a test.

export interface ProblemCodeSpec {
  readonly status: number;
  readonly title: string;
  /** What a UI should tell the person, in plain words. */
  readonly show: string;
}

export const PROBLEM_CODES = {
  'auth.invalid_token': {
    status: 401,
    title: 'Unauthorized',
    show: 'Your sign-in has expired or is not valid: sign in again.',
  },
  'auth.forbidden': {
    status: 403,
    title: 'Forbidden',
    show: 'Your role does not allow this. Ask a global admin or admin agent (partners) or a reviewer (staff).',
  },
  'validation.failed': {
    // 400 when a field has the wrong shape (a bug in the client), 422 when it is well formed but not allowed.
    status: 422,
    title: 'Unprocessable Content',
    show: 'Some fields need attention: show each `errors[].message` next to its `errors[].field`.',
  },
  'validation.malformed': {
    status: 400,
    title: 'Bad Request',
    show: 'The request could not be read (not JSON, or JSON cut short): a bug in the client, not the person.',
  },
  'validation.body_too_large': { status: 413, title: 'Content Too Large', show: 'The text is too long to send.' },
  'validation.unsupported_media_type': { status: 415, title: 'Unsupported Media Type', show: 'Send JSON (a bug in the client).' },
  'route.not_found': { status: 404, title: 'Not Found', show: 'This address does not exist (a bug in the client).' },
  'route.method_not_allowed': { status: 405, title: 'Method Not Allowed', show: 'This action does not exist here (a bug in the client).' },
  'resource.not_found': {
    status: 404,
    title: 'Not Found',
    show: 'This request or grant does not exist, or is not yours to see.',
  },
  'request.invalid_transition': {
    status: 409,
    title: 'Conflict',
    show: 'The request has moved on (see `currentStatus`): reload it; the action is no longer possible.',
  },
  'review.not_claimant': {
    status: 403,
    title: 'Forbidden',
    show: 'Another reviewer holds this request. Claim it yourself once it is released, or ask a review lead to reassign it.',
  },
  'review.claim_lapsed': {
    status: 409,
    title: 'Conflict',
    show: 'Your claim on this request lapsed. Claim it again (by its id) to go on, unless someone else took it meanwhile.',
  },
  'review.claimed_by_other': {
    status: 409,
    title: 'Conflict',
    show: 'Another reviewer claimed this request first: pick another one or ask a review lead.',
  },
  'review.own_tenant': {
    status: 403,
    title: 'Forbidden',
    show: 'You may not decide a request you filed or one of your own organisation: another reviewer must decide it.',
  },
  'message.internal_reviewers_only': {
    status: 403,
    title: 'Forbidden',
    show: 'Only reviewers can write internal notes.',
  },
  'grant.not_active': {
    status: 409,
    title: 'Conflict',
    show: 'This grant has already expired or been revoked (see `currentStatus`).',
  },
  'idempotency.key_reused': {
    status: 422,
    title: 'Unprocessable Content',
    show: 'This retry does not match the original request: start a new submission (a bug in the client).',
  },
  'rate_limit.exceeded': {
    status: 429,
    title: 'Too Many Requests',
    show: 'Too many requests from your organisation just now: wait for the number of seconds in Retry-After.',
  },
  'service.unavailable': {
    status: 503,
    title: 'Service Unavailable',
    show: 'The service is briefly unavailable: nothing was changed; try again after Retry-After seconds.',
  },
  'internal.error': {
    status: 500,
    title: 'Internal Server Error',
    show: 'Something went wrong on our side: try again, and quote the requestId if it persists.',
  },
} as const satisfies Record<string, ProblemCodeSpec>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as ProblemCode[];
