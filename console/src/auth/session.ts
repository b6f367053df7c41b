import type { ConsoleSettings } from './settings';

// Who is signed in to this tab: a bearer token for the API, from OpenID Connect (authorization code
// + PKCE, by oidc-client-ts) or, on a development service, from the development sign-in. Kept in
// sessionStorage: it ends with the tab.

export interface Session {
  readonly accessToken: string;
  /** epoch ms */
  readonly expiresAt: number;
  readonly source: 'oidc' | 'development';
}

const KEY = 'mfa-console.session';

export function storedSession(now = Date.now()): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > now + 5_000 ? session : null;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export interface DevelopmentSignInForm {
  readonly role: string;
  readonly tenantId: string;
  readonly name: string;
}

/** POST /console/dev-sign-in (not part of the API: it exists only on a development service). */
export async function developmentSignIn(form: DevelopmentSignInForm): Promise<Session> {
  const response = await fetch('/console/dev-sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: form.role, tenantId: form.tenantId.trim() || undefined, name: form.name.trim() || undefined }),
  });
  if (!response.ok) throw new Error(`development sign-in: ${response.status}`);
  const body = (await response.json()) as { accessToken: string; expiresAt: string };
  return { accessToken: body.accessToken, expiresAt: Date.parse(body.expiresAt), source: 'development' };
}

async function userManager(oidc: NonNullable<ConsoleSettings['oidc']>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: `${window.location.origin}/console/callback`,
    post_logout_redirect_uri: `${window.location.origin}/console/`,
    response_type: 'code',
    scope: oidc.scope,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** Starts the authorization code flow with PKCE: the browser leaves for the provider. */
export async function oidcSignIn(oidc: NonNullable<ConsoleSettings['oidc']>, returnTo: string): Promise<void> {
  await (await userManager(oidc)).signinRedirect({ state: returnTo });
}

/** Back from the provider at /console/callback: exchanges the code (with the PKCE verifier). */
export async function oidcCallback(oidc: NonNullable<ConsoleSettings['oidc']>): Promise<{ session: Session; returnTo: string }> {
  const user = await (await userManager(oidc)).signinRedirectCallback();
  return {
    session: { accessToken: user.access_token, expiresAt: (user.expires_at ?? Date.now() / 1000 + 300) * 1000, source: 'oidc' },
    returnTo: typeof user.state === 'string' ? user.state : '/',
  };
}

export async function oidcSignOut(oidc: NonNullable<ConsoleSettings['oidc']>): Promise<void> {
  const manager = await userManager(oidc);
  await manager.removeUser();
}
