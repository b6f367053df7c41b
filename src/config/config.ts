import Holidays from 'date-holidays';

// Every environment variable the service reads is declared, defaulted and validated here, once, at
// start. A bad value stops the start with a message naming the variable, never a surprise later.

export type ProcessRole = 'api' | 'worker' | 'all';

export interface WorkingHours {
  /** minutes after local midnight */
  readonly start: number;
  /** minutes after local midnight; 1440 means the end of the day */
  readonly end: number;
}

export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  readonly tls: boolean;
}

/** DATABASE_POOL_SIZE's default: the README's filing benchmark says how it was chosen. */
export const DEFAULT_POOL_SIZE = 20;

/** QUEUE_JOB_LOCK_MS's default (BullMQ's own). */
export const DEFAULT_JOB_LOCK_MS = 30_000;

export interface AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /** DATABASE_POOL_SIZE: connections per process. */
  readonly databasePoolSize: number;
  /** ENFORCEMENT_MAX_HELD_POLLS: long polls on the grant feed held at once per instance; past it, 503. */
  readonly enforcementMaxHeldPolls: number;
  readonly redis: RedisConnection;
  readonly queuePrefix: string;
  readonly processRole: ProcessRole;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly corsOrigins: readonly string[];
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    /** The platform's own directory: staff roles count only on tokens of this tenant. */
    readonly platformTenantId: string;
    /** Tokens living longer than this (exp - iat, or exp - now) are refused. */
    readonly maxTokenLifetimeSeconds: number;
    /** After a key-set fetch (successful or not), an unknown `kid` fetches nothing for this long. */
    readonly jwksRefetchCooldownMs: number;
    readonly jwksUrl?: string;
    readonly jwksFile?: string;
    /** true when neither AUTH_JWKS_URL nor AUTH_JWKS_FILE is set: a local key set is generated */
    readonly useDevelopmentKeys: boolean;
  };
  readonly sla: {
    readonly timezone: string;
    readonly workingHours: WorkingHours;
    readonly weekend: readonly number[];
    readonly holidayCountry: string | null;
    readonly extraClosedDates: readonly string[];
    readonly businessDays: number;
    readonly atRiskRatio: number;
  };
  readonly reviewClaimTtlSeconds: number;
  readonly grantMaxDays: number;
  readonly outboxPollMs: number;
  /** QUEUE_JOB_LOCK_MS: read by the workers themselves (queue/worker-options.ts); validated here. */
  readonly queueJobLockMs: number;
  /** How often the reconciler recomputes SLA states and lapsed claims from the database. */
  readonly reconcileIntervalMs: number;
  /** How long an Idempotency-Key answers with its first result. */
  readonly idempotencyRetentionHours: number;
  /** acr_values of RFC 9470 step-up challenges. */
  readonly stepUpAcr: string;
  /** Requests per minute per tenant (staff: per user) under /v1, enforcement aside; 0 = no limit. */
  readonly rateLimit: { readonly writesPerMinute: number; readonly readsPerMinute: number };
  /** Whether X-Forwarded-* are believed: never, from any hop, or from these proxy addresses. */
  readonly trustProxy: boolean | readonly string[];
  readonly http: HttpTimeouts;
  readonly webhooks: {
    /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: private, loopback and link-local targets, and http://. */
    readonly allowPrivateNetworks: boolean;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly timeoutMs: number;
  };
  readonly mail: {
    /** SMTP_URL; unset: no e-mail is sent. */
    readonly smtpUrl?: string;
    readonly from: string;
    /** REVIEW_LEADS_EMAIL: who hears of SLA risks and breaches. */
    readonly reviewLeads: readonly string[];
  };
  /** METRICS_TOKEN: when set, /metrics wants it as a bearer token. */
  readonly metricsToken?: string;
  readonly console: ConsoleSettings;
}

/** The web console served at /console/: how people sign in to it. */
export interface ConsoleSettings {
  /** OpenID Connect provider (authorization code + PKCE); unset with the client id = no OIDC sign-in. */
  readonly oidcAuthority?: string;
  readonly oidcClientId?: string;
  /** Scopes asked for: the access token must be one this service accepts (AUTH_AUDIENCE). */
  readonly oidcScope: string;
  /** The development sign-in (pick a role and tenant): only on the development key set, never in production. */
  readonly devSignIn: boolean;
}

/** How long the HTTP server waits on a client before closing its connection. */
export interface HttpTimeouts {
  /** an idle keep-alive connection between two requests */
  readonly keepAliveTimeoutMs: number;
  /** the whole header block of a request */
  readonly headersTimeoutMs: number;
  /** the whole request, body included */
  readonly requestTimeoutMs: number;
  /** a socket with no traffic at all (a connection that never sends a request, a stalled client) */
  readonly idleTimeoutMs: number;
}

export const DEVELOPMENT_ISSUER = 'https://auth.mfa-exceptions.localhost/dev';
export const DEVELOPMENT_AUDIENCE = 'api://mfa-exceptions';
export const DEVELOPMENT_KEYS_DIR = '.dev';
/** The platform tenant outside production, also used by `npm run token` for staff roles. */
export const DEVELOPMENT_PLATFORM_TENANT_ID = '00000000-0000-4000-8000-00000000a11a';

/** Variables whose values may hold credentials: never echoed whole in a configuration message. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'REDIS_URL', 'AUTH_JWKS_URL', 'SMTP_URL', 'METRICS_TOKEN']);

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: string, parse: (raw: string) => T): T => {
    const raw = env[name];
    const value = raw === undefined ? fallback : raw.trim();
    try {
      return parse(value);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message} (got ${JSON.stringify(shown(name, raw ?? fallback))})`);
      return undefined as T;
    }
  };

  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const databaseUrl = read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/mfa_exceptions', parsePostgresUrl);
  const redis = read('REDIS_URL', 'redis://127.0.0.1:6379', parseRedisUrl);
  const production = nodeEnv === 'production';
  const jwksUrl = read('AUTH_JWKS_URL', '', optional(production ? parseHttpsUrl : parseHttpUrl));
  const jwksFile = read(
    'AUTH_JWKS_FILE',
    '',
    optional((v) => v),
  );
  if (jwksUrl && jwksFile) problems.push('AUTH_JWKS_URL and AUTH_JWKS_FILE: set one, not both');
  const useDevelopmentKeys = !jwksUrl && !jwksFile;
  if (useDevelopmentKeys && production) {
    problems.push('AUTH_JWKS_URL or AUTH_JWKS_FILE: required when NODE_ENV=production');
  }
  if (production && !env.AUTH_PLATFORM_TENANT_ID?.trim()) {
    problems.push("AUTH_PLATFORM_TENANT_ID: required when NODE_ENV=production (the tenant id of the platform's own directory)");
  }
  const http: HttpTimeouts = {
    keepAliveTimeoutMs: read('HTTP_KEEP_ALIVE_TIMEOUT_MS', '5000', integerIn(100, 600_000)),
    headersTimeoutMs: read('HTTP_HEADERS_TIMEOUT_MS', '10000', integerIn(100, 600_000)),
    requestTimeoutMs: read('HTTP_REQUEST_TIMEOUT_MS', '30000', integerIn(100, 600_000)),
    idleTimeoutMs: read('HTTP_IDLE_TIMEOUT_MS', '15000', integerIn(100, 600_000)),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  }

  const consoleSettings: ConsoleSettings = {
    oidcAuthority: read('CONSOLE_OIDC_AUTHORITY', '', optional(production ? parseAuthority(parseHttpsUrl) : parseAuthority(parseHttpUrl))),
    oidcClientId: read(
      'CONSOLE_OIDC_CLIENT_ID',
      '',
      optional(matching(/^[\x21-\x7e]{1,200}$/, 'a client id of printable characters without spaces')),
    ),
    oidcScope: read('CONSOLE_OIDC_SCOPE', 'openid profile', parseScope),
    devSignIn: useDevelopmentKeys && !production,
  };
  if (Boolean(consoleSettings.oidcAuthority) !== Boolean(consoleSettings.oidcClientId)) {
    problems.push('CONSOLE_OIDC_AUTHORITY and CONSOLE_OIDC_CLIENT_ID: set both, or neither');
  }

  const config: AppConfig = {
    nodeEnv,
    port: read('PORT', '3000', integerIn(0, 65535)),
    host: read('HOST', '0.0.0.0', nonEmpty),
    databaseUrl,
    databasePoolSize: read('DATABASE_POOL_SIZE', String(DEFAULT_POOL_SIZE), integerIn(2, 500)),
    enforcementMaxHeldPolls: read('ENFORCEMENT_MAX_HELD_POLLS', '1000', integerIn(1, 100_000)),
    redis,
    queuePrefix: read('QUEUE_PREFIX', 'mfa', matching(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only')),
    processRole: read('PROCESS_ROLE', 'all', oneOf(['api', 'worker', 'all'] as const)),
    logLevel: read('LOG_LEVEL', 'info', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)),
    bodyLimitBytes: read('BODY_LIMIT_BYTES', '102400', integerIn(1024, 10 * 1024 * 1024)),
    corsOrigins: read('CORS_ORIGINS', '', list(parseOrigin)),
    auth: {
      issuer: read('AUTH_ISSUER', DEVELOPMENT_ISSUER, nonEmpty),
      audience: read('AUTH_AUDIENCE', DEVELOPMENT_AUDIENCE, nonEmpty),
      platformTenantId: read('AUTH_PLATFORM_TENANT_ID', DEVELOPMENT_PLATFORM_TENANT_ID, parseUuid),
      maxTokenLifetimeSeconds: read('AUTH_MAX_TOKEN_LIFETIME', '86400', integerIn(60, 31 * 86400)),
      jwksRefetchCooldownMs: read('AUTH_JWKS_REFETCH_COOLDOWN_MS', '5000', integerIn(100, 3_600_000)),
      jwksUrl,
      jwksFile,
      useDevelopmentKeys,
    },
    sla: {
      timezone: read('SLA_TIMEZONE', 'UTC', parseTimeZone),
      workingHours: read('SLA_WORKING_HOURS', '09:00-17:00', parseWorkingHours),
      weekend: read('SLA_WEEKEND', 'sat,sun', list(parseWeekday)),
      holidayCountry: read('SLA_HOLIDAY_COUNTRY', 'US', parseHolidayCountry),
      extraClosedDates: read('SLA_EXTRA_CLOSED_DATES', '', list(parseIsoDate)),
      businessDays: read('SLA_BUSINESS_DAYS', '3', positiveDecimal),
      atRiskRatio: read('SLA_AT_RISK_RATIO', '0.75', ratio),
    },
    reviewClaimTtlSeconds: read('REVIEW_CLAIM_TTL', '1800', integerIn(1, 7 * 24 * 3600)),
    grantMaxDays: read('GRANT_MAX_DAYS', '180', integerIn(1, 3650)),
    outboxPollMs: read('OUTBOX_POLL_MS', '500', integerIn(10, 60_000)),
    queueJobLockMs: read('QUEUE_JOB_LOCK_MS', String(DEFAULT_JOB_LOCK_MS), integerIn(1000, 600_000)),
    reconcileIntervalMs: read('RECONCILE_INTERVAL_MS', '60000', integerIn(200, 3_600_000)),
    idempotencyRetentionHours: read('IDEMPOTENCY_RETENTION_HOURS', '72', integerIn(1, 24 * 365)),
    rateLimit: {
      writesPerMinute: read('RATE_LIMIT_WRITES_PER_MINUTE', '120', integerIn(0, 1_000_000)),
      readsPerMinute: read('RATE_LIMIT_READS_PER_MINUTE', '1200', integerIn(0, 1_000_000)),
    },
    trustProxy: read('TRUST_PROXY', 'false', parseTrustProxy),
    http,
    webhooks: {
      allowPrivateNetworks: read('WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'false', parseBoolean),
      maxAttempts: read('WEBHOOK_MAX_ATTEMPTS', '12', integerIn(1, 30)),
      retryBaseMs: read('WEBHOOK_RETRY_BASE_MS', '60000', integerIn(10, 3_600_000)),
      timeoutMs: read('WEBHOOK_TIMEOUT_MS', '10000', integerIn(100, 60_000)),
    },
    mail: {
      smtpUrl: read('SMTP_URL', '', optional(parseSmtpUrl)),
      from: read('MAIL_FROM', 'MFA exceptions <no-reply@mfa-exceptions.localhost>', nonEmpty),
      reviewLeads: read('REVIEW_LEADS_EMAIL', '', list(parseEmailAddress)),
    },
    metricsToken: read('METRICS_TOKEN', '', optional(matching(/^[\x21-\x7e]{16,512}$/, 'at least 16 visible ASCII characters'))),
    console: consoleSettings,
    stepUpAcr: read(
      'STEP_UP_ACR_VALUES',
      'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
      matching(/^[\x21\x23-\x5b\x5d-\x7e ]{1,500}$/, 'printable characters without quotes or backslashes'),
    ),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function nonEmpty(value: string): string {
  if (value === '') throw new Error('must not be empty');
  return value;
}

function optional<T>(parse: (raw: string) => T): (raw: string) => T | undefined {
  return (raw) => (raw === '' ? undefined : parse(raw));
}

function list<T>(parse: (raw: string) => T): (raw: string) => T[] {
  return (raw) => (raw === '' ? [] : raw.split(',').map((part) => parse(part.trim())));
}

function matching(pattern: RegExp, expected: string): (raw: string) => string {
  return (raw) => {
    if (!pattern.test(raw)) throw new Error(`must be ${expected}`);
    return raw;
  };
}

function oneOf<T extends string>(allowed: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(allowed as readonly string[]).includes(raw)) throw new Error(`must be one of ${allowed.join(', ')}`);
    return raw as T;
  };
}

function integerIn(min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw)) throw new Error('must be a whole number');
    const value = Number(raw);
    if (value < min || value > max) throw new Error(`must be between ${min} and ${max}`);
    return value;
  };
}

function positiveDecimal(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new Error('must be a positive decimal number');
  return Number(raw);
}

function ratio(raw: string): number {
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(raw) || Number(raw) <= 0 || Number(raw) >= 1) {
    throw new Error('must be a decimal strictly between 0 and 1');
  }
  return Number(raw);
}

function parsePostgresUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('must be a postgres:// URL');
  if (url.pathname.length <= 1) throw new Error('must name a database');
  return raw;
}

function parseRedisUrl(raw: string): RedisConnection {
  const url = new URL(raw);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('must be a redis:// or rediss:// URL');
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error('database number must be a whole number');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    tls: url.protocol === 'rediss:',
  };
}

/** A value as a configuration message may show it: credentials in URLs and tokens masked. */
function shown(name: string, value: string): string {
  if (!SECRET_VARIABLES.has(name) || value === '') return value;
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return '***';
  }
}

function parseBoolean(raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  throw new Error('must be true or false');
}

function parseSmtpUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('must be an smtp:// or smtps:// URL');
  if (!url.hostname) throw new Error('must name a host');
  return raw;
}

function parseEmailAddress(raw: string): string {
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw)) throw new Error(`"${raw}" is not an e-mail address`);
  return raw;
}

function parseUuid(raw: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
    throw new Error('must be a UUID (a directory tenant id)');
  return raw.toLowerCase();
}

function parseTrustProxy(raw: string): boolean | string[] {
  if (raw === 'false' || raw === '') return false;
  if (raw === 'true') return true;
  return raw.split(',').map((part) => {
    const address = part.trim();
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(address))
      throw new Error(`"${address}" is not an IP address or CIDR range (or use true / false)`);
    return address;
  });
}

function parseHttpsUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new Error('must be an https:// URL when NODE_ENV=production');
  return raw;
}

function parseHttpUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must be an http(s) URL');
  return raw;
}

/** An OpenID provider's issuer URL: no query or fragment (the discovery document is found under it). */
function parseAuthority(parseUrl: (raw: string) => string): (raw: string) => string {
  return (raw) => {
    const url = new URL(parseUrl(raw));
    if (url.search || url.hash) throw new Error('must be an issuer URL without query or fragment');
    return raw.replace(/\/$/, '');
  };
}

function parseScope(raw: string): string {
  const scopes = raw.split(/\s+/).filter(Boolean);
  if (!scopes.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) throw new Error('must be space-separated scope names');
  if (!scopes.includes('openid')) throw new Error('must include openid');
  return scopes.join(' ');
}

function parseOrigin(raw: string): string {
  const url = new URL(raw);
  if (url.origin !== raw.replace(/\/$/, '')) throw new Error(`"${raw}" is not an origin (scheme://host[:port])`);
  return url.origin;
}

function parseHolidayCountry(raw: string): string | null {
  if (raw === '') return null;
  if (!/^[A-Za-z]{2}$/.test(raw) || !(raw.toUpperCase() in new Holidays().getCountries()))
    throw new Error('must be an ISO 3166 two-letter country code with known public holidays (or empty for none)');
  return raw.toUpperCase();
}

function parseTimeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new Error('must be an IANA time zone name such as Europe/Paris');
  }
  return raw;
}

function parseWorkingHours(raw: string): WorkingHours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(raw);
  if (!match) throw new Error('must look like 09:00-17:00');
  const [start, end] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  if (Number(match[2]) > 59 || Number(match[4]) > 59 || start >= 1440 || end > 1440 || start >= end) {
    throw new Error('must be a start before an end within one day (00:00-24:00 at most)');
  }
  return { start, end };
}

function parseWeekday(raw: string): number {
  const index = WEEKDAYS.indexOf(raw.toLowerCase().slice(0, 3));
  if (index < 0 || raw.length < 3) throw new Error(`"${raw}" is not a week day (use ${WEEKDAYS.join(',')})`);
  return index;
}

function parseIsoDate(raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw new Error(`"${raw}" is not a YYYY-MM-DD date`);
  }
  if (new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) throw new Error(`"${raw}" is not a real date`);
  return raw;
}
