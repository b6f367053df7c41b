import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_PLATFORM_TENANT_ID,
  loadConfig,
} from '../../src/config/config.js';

const PLATFORM = 'a1a1a1a1-0000-4000-8000-00000000beef';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('starts from the contract defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/mfa_exceptions',
      processRole: 'all',
      auth: { issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE, useDevelopmentKeys: true },
      sla: {
        timezone: 'UTC',
        workingHours: { start: 9 * 60, end: 17 * 60 },
        weekend: [6, 0],
        holidayCountry: 'US',
        extraClosedDates: [],
        businessDays: 3,
        atRiskRatio: 0.75,
      },
      reviewClaimTtlSeconds: 1800,
      grantMaxDays: 180,
    });
    expect(config.redis).toEqual({ host: '127.0.0.1', port: 6379, username: undefined, password: undefined, db: 0, tls: false });
  });

  it('reads every contract variable', () => {
    const config = loadConfig({
      PORT: '8080',
      PROCESS_ROLE: 'worker',
      REDIS_URL: 'rediss://user:p%40ss@cache.internal:6380/2',
      AUTH_ISSUER: 'https://issuer.example/',
      AUTH_AUDIENCE: 'api://x',
      AUTH_JWKS_URL: 'https://issuer.example/keys',
      SLA_TIMEZONE: 'Asia/Tokyo',
      SLA_WORKING_HOURS: '00:00-24:00',
      SLA_WEEKEND: '',
      SLA_HOLIDAY_COUNTRY: 'jp',
      SLA_EXTRA_CLOSED_DATES: '2026-12-29, 2026-12-30',
      SLA_BUSINESS_DAYS: '0.0001',
      SLA_AT_RISK_RATIO: '0.5',
      CORS_ORIGINS: 'https://support.example.com,http://localhost:5173',
    });
    expect(config.port).toBe(8080);
    expect(config.processRole).toBe('worker');
    expect(config.redis).toEqual({ host: 'cache.internal', port: 6380, username: 'user', password: 'p@ss', db: 2, tls: true });
    expect(config.auth).toMatchObject({ jwksUrl: 'https://issuer.example/keys', useDevelopmentKeys: false });
    expect(config.sla).toEqual({
      timezone: 'Asia/Tokyo',
      workingHours: { start: 0, end: 1440 },
      weekend: [],
      holidayCountry: 'JP',
      extraClosedDates: ['2026-12-29', '2026-12-30'],
      businessDays: 0.0001,
      atRiskRatio: 0.5,
    });
    expect(config.corsOrigins).toEqual(['https://support.example.com', 'http://localhost:5173']);
  });

  it('takes an empty SLA_HOLIDAY_COUNTRY as "no public holidays"', () => {
    expect(loadConfig({ SLA_HOLIDAY_COUNTRY: '' }).sla.holidayCountry).toBeNull();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PROCESS_ROLE', 'both'],
    ['AUTH_JWKS_URL', 'ftp://keys'],
    ['SLA_TIMEZONE', 'Mars/Olympus_Mons'],
    ['SLA_WORKING_HOURS', '9-5'],
    ['SLA_WORKING_HOURS', '17:00-09:00'],
    ['SLA_WORKING_HOURS', '09:00-24:30'],
    ['SLA_WEEKEND', 'sat,funday'],
    ['SLA_HOLIDAY_COUNTRY', 'USA'],
    ['SLA_HOLIDAY_COUNTRY', 'ZZ'],
    ['SLA_EXTRA_CLOSED_DATES', '2026-02-30'],
    ['SLA_EXTRA_CLOSED_DATES', '25/12/2026'],
    ['SLA_BUSINESS_DAYS', '0'],
    ['SLA_BUSINESS_DAYS', '-1'],
    ['SLA_BUSINESS_DAYS', 'three'],
    ['SLA_AT_RISK_RATIO', '1.5'],
    ['SLA_AT_RISK_RATIO', '0'],
    ['CORS_ORIGINS', 'https://support.example.com/path'],
    ['REVIEW_CLAIM_TTL', '0'],
    ['GRANT_MAX_DAYS', 'forever'],
    ['AUTH_MAX_TOKEN_LIFETIME', '1d'],
    ['RATE_LIMIT_WRITES_PER_MINUTE', '-5'],
    ['HTTP_IDLE_TIMEOUT_MS', '0'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('reports every bad variable at once, not one per restart', () => {
    const problems = problemsOf({ PORT: 'x', SLA_TIMEZONE: 'Nowhere/Land', PROCESS_ROLE: 'both' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'PROCESS_ROLE', 'SLA_TIMEZONE']);
  });

  it('refuses both key sources at once, and development keys in production', () => {
    expect(problemsOf({ AUTH_JWKS_URL: 'https://k/keys', AUTH_JWKS_FILE: '/etc/jwks.json' })[0]).toContain(
      'AUTH_JWKS_URL and AUTH_JWKS_FILE',
    );
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toContain('AUTH_JWKS_URL or AUTH_JWKS_FILE');
    const production = { NODE_ENV: 'production', AUTH_JWKS_FILE: '/etc/jwks.json', AUTH_PLATFORM_TENANT_ID: PLATFORM };
    expect(loadConfig(production).auth.useDevelopmentKeys).toBe(false);
  });

  it('requires AUTH_PLATFORM_TENANT_ID in production and defaults it to the development value elsewhere', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_JWKS_FILE: '/etc/jwks.json' })).toEqual([
      expect.stringMatching(/^AUTH_PLATFORM_TENANT_ID: required/),
    ]);
    expect(loadConfig({}).auth.platformTenantId).toBe(DEVELOPMENT_PLATFORM_TENANT_ID);
    expect(loadConfig({ AUTH_PLATFORM_TENANT_ID: PLATFORM.toUpperCase() }).auth.platformTenantId).toBe(PLATFORM);
    expect(problemsOf({ AUTH_PLATFORM_TENANT_ID: 'contoso' })[0]).toMatch(/^AUTH_PLATFORM_TENANT_ID: /);
  });

  it('requires an https AUTH_JWKS_URL in production only', () => {
    const production = { NODE_ENV: 'production', AUTH_PLATFORM_TENANT_ID: PLATFORM };
    expect(problemsOf({ ...production, AUTH_JWKS_URL: 'http://issuer.example/keys' })[0]).toMatch(
      /^AUTH_JWKS_URL: must be an https:\/\/ URL/,
    );
    expect(loadConfig({ ...production, AUTH_JWKS_URL: 'https://issuer.example/keys' }).auth.jwksUrl).toBe('https://issuer.example/keys');
    expect(loadConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:9000/keys' }).auth.jwksUrl).toBe('http://127.0.0.1:9000/keys');
  });

  it('never prints the password or query secrets of a URL it refuses', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://app:hunter2@db.internal/app',
      REDIS_URL: 'http://:s3cret-redis@cache.internal:6379',
      AUTH_JWKS_URL: 'ftp://issuer/keys?sig=topsecret',
    });
    expect(problems).toHaveLength(3);
    const text = problems.join('\n');
    for (const secret of ['hunter2', 's3cret-redis', 'topsecret']) expect(text).not.toContain(secret);
    expect(text).toContain('db.internal');
  });

  it('reads the operations variables: rate limits, token lifetime, proxy trust and HTTP timeouts', () => {
    expect(loadConfig({})).toMatchObject({
      rateLimit: { writesPerMinute: 120, readsPerMinute: 1200 },
      trustProxy: false,
      http: { keepAliveTimeoutMs: 5000, headersTimeoutMs: 10000, requestTimeoutMs: 30000, idleTimeoutMs: 15000 },
      auth: { maxTokenLifetimeSeconds: 86400 },
    });
    const config = loadConfig({
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '60',
      AUTH_MAX_TOKEN_LIFETIME: '3600',
      TRUST_PROXY: '10.0.0.1, 10.1.0.0/16',
    });
    expect(config).toMatchObject({
      rateLimit: { writesPerMinute: 0, readsPerMinute: 60 },
      trustProxy: ['10.0.0.1', '10.1.0.0/16'],
      auth: { maxTokenLifetimeSeconds: 3600 },
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })[0]).toMatch(/^TRUST_PROXY: /);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' })[0]).toMatch(/^HTTP_HEADERS_TIMEOUT_MS: /);
  });

  it('reads the notification variables: webhooks, e-mail, metrics and the job lock', () => {
    expect(loadConfig({})).toMatchObject({
      webhooks: { allowPrivateNetworks: false, maxAttempts: 12, retryBaseMs: 60_000, timeoutMs: 10_000 },
      mail: { smtpUrl: undefined, from: 'MFA exceptions <no-reply@mfa-exceptions.localhost>', reviewLeads: [] },
      metricsToken: undefined,
      queueJobLockMs: 30_000,
      databasePoolSize: 20,
      enforcementMaxHeldPolls: 1000,
    });
    expect(loadConfig({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(loadConfig({ ENFORCEMENT_MAX_HELD_POLLS: '5' }).enforcementMaxHeldPolls).toBe(5);
    expect(problemsOf({ ENFORCEMENT_MAX_HELD_POLLS: '0' })[0]).toMatch(/^ENFORCEMENT_MAX_HELD_POLLS: /);
    expect(problemsOf({ DATABASE_POOL_SIZE: '1' })[0]).toMatch(/^DATABASE_POOL_SIZE: /);
    const config = loadConfig({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_MAX_ATTEMPTS: '5',
      WEBHOOK_RETRY_BASE_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '2000',
      SMTP_URL: 'smtps://mailer:secret@smtp.platform.example:465',
      MAIL_FROM: 'Exceptions <exceptions@platform.example>',
      REVIEW_LEADS_EMAIL: 'lead-1@platform.example, lead-2@platform.example',
      METRICS_TOKEN: 'a-long-scrape-token-0123',
      QUEUE_JOB_LOCK_MS: '5000',
    });
    expect(config).toMatchObject({
      webhooks: { allowPrivateNetworks: true, maxAttempts: 5, retryBaseMs: 1000, timeoutMs: 2000 },
      mail: {
        smtpUrl: 'smtps://mailer:secret@smtp.platform.example:465',
        from: 'Exceptions <exceptions@platform.example>',
        reviewLeads: ['lead-1@platform.example', 'lead-2@platform.example'],
      },
      metricsToken: 'a-long-scrape-token-0123',
      queueJobLockMs: 5000,
    });
    const problems = problemsOf({
      SMTP_URL: 'http://mail.example',
      REVIEW_LEADS_EMAIL: 'lead-1@platform.example, not-an-address',
      METRICS_TOKEN: 'short',
      WEBHOOK_MAX_ATTEMPTS: '0',
      QUEUE_JOB_LOCK_MS: '10',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'maybe',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'METRICS_TOKEN',
      'QUEUE_JOB_LOCK_MS',
      'REVIEW_LEADS_EMAIL',
      'SMTP_URL',
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
      'WEBHOOK_MAX_ATTEMPTS',
    ]);
    // The token and the SMTP password never appear in a refusal.
    expect(problemsOf({ SMTP_URL: 'ftp://mailer:hunter2@smtp.example', METRICS_TOKEN: 'short secret' }).join('\n')).not.toMatch(
      /hunter2|short secret/,
    );
  });

  describe('the console', () => {
    const PRODUCTION = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.example/keys', AUTH_PLATFORM_TENANT_ID: PLATFORM };

    it('offers the development sign-in on the development key set only, never in production', () => {
      expect(loadConfig({}).console).toEqual({
        oidcScope: 'openid profile',
        devSignIn: true,
        oidcAuthority: undefined,
        oidcClientId: undefined,
      });
      expect(loadConfig({ AUTH_JWKS_FILE: '/etc/jwks.json' }).console.devSignIn).toBe(false);
      expect(loadConfig({ AUTH_JWKS_URL: 'https://login.example/keys' }).console.devSignIn).toBe(false);
      expect(loadConfig(PRODUCTION).console.devSignIn).toBe(false);
    });

    it('reads the OpenID Connect authority, client id and scopes', () => {
      const config = loadConfig({
        ...PRODUCTION,
        CONSOLE_OIDC_AUTHORITY: 'https://login.example/tenant/v2.0/',
        CONSOLE_OIDC_CLIENT_ID: 'b6f2c1d0-console',
        CONSOLE_OIDC_SCOPE: 'openid  profile api://mfa-exceptions/.default',
      });
      expect(config.console).toEqual({
        oidcAuthority: 'https://login.example/tenant/v2.0',
        oidcClientId: 'b6f2c1d0-console',
        oidcScope: 'openid profile api://mfa-exceptions/.default',
        devSignIn: false,
      });
    });

    it('refuses an authority without its client id, a malformed one, plain http in production and scopes without openid', () => {
      expect(problemsOf({ CONSOLE_OIDC_AUTHORITY: 'https://login.example' })).toEqual([
        'CONSOLE_OIDC_AUTHORITY and CONSOLE_OIDC_CLIENT_ID: set both, or neither',
      ]);
      expect(problemsOf({ CONSOLE_OIDC_CLIENT_ID: 'console' })).toEqual([
        'CONSOLE_OIDC_AUTHORITY and CONSOLE_OIDC_CLIENT_ID: set both, or neither',
      ]);
      expect(problemsOf({ CONSOLE_OIDC_AUTHORITY: 'login.example', CONSOLE_OIDC_CLIENT_ID: 'c' })[0]).toMatch(/^CONSOLE_OIDC_AUTHORITY: /);
      expect(problemsOf({ CONSOLE_OIDC_AUTHORITY: 'https://login.example/?x=1', CONSOLE_OIDC_CLIENT_ID: 'c' })[0]).toMatch(
        /^CONSOLE_OIDC_AUTHORITY: must be an issuer URL/,
      );
      expect(
        loadConfig({ CONSOLE_OIDC_AUTHORITY: 'http://localhost:8080/realms/dev', CONSOLE_OIDC_CLIENT_ID: 'c' }).console.oidcAuthority,
      ).toBe('http://localhost:8080/realms/dev');
      expect(problemsOf({ ...PRODUCTION, CONSOLE_OIDC_AUTHORITY: 'http://login.example', CONSOLE_OIDC_CLIENT_ID: 'c' })[0]).toMatch(
        /^CONSOLE_OIDC_AUTHORITY: must be an https:\/\/ URL/,
      );
      expect(problemsOf({ CONSOLE_OIDC_AUTHORITY: 'https://login.example', CONSOLE_OIDC_CLIENT_ID: 'two words' })[0]).toMatch(
        /^CONSOLE_OIDC_CLIENT_ID: /,
      );
      expect(problemsOf({ CONSOLE_OIDC_SCOPE: 'profile email' })[0]).toMatch(/^CONSOLE_OIDC_SCOPE: must include openid/);
    });
  });
});
