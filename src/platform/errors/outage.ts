// Whether an error means a dependency (PostgreSQL, Redis) cannot be reached, rather than a bug:
// such a request is answered 503 with Retry-After, so clients wait and retry instead of giving up.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** SQLSTATEs of a server that is going away or cannot take the connection. */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '53400']);

const MESSAGES = [
  // pg
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  // TypeORM
  /Driver not Connected/i,
  // ioredis
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /Reached the max retries per request limit/i,
  /Command timed out/i,
];

export function isDependencyOutage(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      if (NETWORK_CODES.has(candidate.code) || POSTGRES_UNAVAILABLE.has(candidate.code) || candidate.code.startsWith('08')) return true;
    }
    if (candidate.name === 'MaxRetriesPerRequestError') return true;
    if (typeof candidate.message === 'string' && MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
