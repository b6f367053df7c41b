import type { ConsoleSettings } from '../config/config.js';

// What the browser is told about the console's files: how long to keep them and where the page may
// load from. Plain functions of the configuration, so a test can read them without a server.

/** Hashed build output (`assets/name-<hash>.js`): the name changes with the content. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html and other unhashed files: always revalidated, so a new build is picked up at once. */
export const REVALIDATE = 'no-cache';
/** Runtime settings and development tokens: never stored. */
export const NO_STORE = 'no-store';

/**
 * The page may run only the console's own scripts and styles, and talk only to this service and the
 * configured OpenID provider (discovery, token endpoint). No inline script, no framing, no plugins.
 */
export function consoleContentSecurityPolicy(settings: ConsoleSettings): string {
  const connect = ["'self'", ...(settings.oidcAuthority ? [new URL(settings.oidcAuthority).origin] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The settings the browser code reads at start (GET /console/config.json). */
export interface ConsoleRuntimeSettings {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
  readonly devSignIn: { readonly platformTenantId: string; readonly partnerTenantId: string } | null;
  readonly grantMaxDays: number;
  readonly claimTtlSeconds: number;
}

/** A partner tenant the development sign-in suggests (the one the README's curl example uses). */
export const DEVELOPMENT_PARTNER_TENANT_ID = '6f1f3c1e-8a4b-4c5d-9e0f-123456789abc';

export function runtimeSettings(
  settings: ConsoleSettings,
  other: { platformTenantId: string; grantMaxDays: number; claimTtlSeconds: number },
): ConsoleRuntimeSettings {
  return {
    oidc:
      settings.oidcAuthority && settings.oidcClientId
        ? { authority: settings.oidcAuthority, clientId: settings.oidcClientId, scope: settings.oidcScope }
        : null,
    devSignIn: settings.devSignIn ? { platformTenantId: other.platformTenantId, partnerTenantId: DEVELOPMENT_PARTNER_TENANT_ID } : null,
    grantMaxDays: other.grantMaxDays,
    claimTtlSeconds: other.claimTtlSeconds,
  };
}
