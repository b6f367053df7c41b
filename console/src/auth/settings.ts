/** What GET /console/config.json answers: how to sign in here, and limits the forms follow. */
export interface ConsoleSettings {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
  readonly devSignIn: { readonly platformTenantId: string; readonly partnerTenantId: string } | null;
  readonly grantMaxDays: number;
  readonly claimTtlSeconds: number;
}

export async function loadSettings(fetcher: typeof fetch = fetch): Promise<ConsoleSettings> {
  const response = await fetcher('/console/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`console settings: ${response.status}`);
  return (await response.json()) as ConsoleSettings;
}
