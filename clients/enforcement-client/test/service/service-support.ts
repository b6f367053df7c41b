// What the client's tests against the real service share: grants approved and revoked through the
// API as reviewers do, a client that records what it hears, and a round-robin HTTP proxy.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRequestBody } from '../../../../test/support/factories.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { partnerTenant, type TokenFactory } from '../../../../test/support/tokens.js';
import { EnforcementClient, type AppliedChange, type EnforcementClientOptions } from '../../src/index.js';

export const DAY = 86_400_000;

export async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000, stepMs = 2): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export interface Approved {
  tenantId: string;
  userId: string;
  grantId: string;
  expiresAt: string;
}

/** Files a request, claims it and approves it with a grant, through `app`'s API. */
export async function approve(
  app: TestApp,
  tokens: TokenFactory,
  reviewer: string,
  grant: { expiresAt?: string; surfaces?: string[] } = {},
): Promise<Approved> {
  const partner = await partnerTenant(tokens);
  const filed = await app.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
  if (filed.status !== 201) throw new Error(`filing: ${filed.status} ${filed.text}`);
  const claimed = await app.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer });
  if (claimed.status !== 200) throw new Error(`claim: ${claimed.status} ${claimed.text}`);
  const userId = filed.body.affectedUserIds[0] as string;
  const expiresAt = grant.expiresAt ?? new Date(Date.now() + 30 * DAY).toISOString();
  const decided = await app.http.post(
    `/v1/exception-requests/${filed.body.id}/decision`,
    {
      outcome: 'approved',
      reason: 'EXO PowerShell cannot do MFA',
      grant: { userIds: [userId], surfaces: grant.surfaces ?? ['delegated_admin'], expiresAt },
    },
    { token: reviewer },
  );
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${decided.text}`);
  return { tenantId: partner.tenantId, userId, grantId: decided.body.grantId, expiresAt: new Date(expiresAt).toISOString() };
}

export async function revoke(app: TestApp, reviewer: string, grantId: string): Promise<void> {
  const revoked = await app.http.post(`/v1/exception-grants/${grantId}/revoke`, { reason: 'no longer needed' }, { token: reviewer });
  if (revoked.status !== 200) throw new Error(`revoke: ${revoked.status} ${revoked.text}`);
}

/** A client of the real service that records its events. */
export function recordingClient(baseUrl: string, token: string, options: Partial<EnforcementClientOptions> = {}) {
  const client = new EnforcementClient({ baseUrl, getToken: async () => token, ...options });
  const events: string[] = [];
  const changes: AppliedChange[] = [];
  const errors: Error[] = [];
  client
    .on('stale', () => events.push('stale'))
    .on('synced', () => events.push('synced'))
    .on('change', (change) => changes.push(change))
    .on('error', (error) => errors.push(error));
  const exempt = (g: Approved) => client.isExempt(g.tenantId, g.userId, 'delegated_admin');
  return { client, events, changes, errors, exempt };
}

/**
 * An HTTP proxy that sends each request to the next of its targets in turn (a load balancer over
 * service instances), counting what each one served.
 */
export class RoundRobinProxy {
  readonly served: number[];
  private next = 0;
  private constructor(
    private readonly server: Server,
    private readonly targets: string[],
  ) {
    this.served = targets.map(() => 0);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(targets: string[]): Promise<RoundRobinProxy> {
    const server = createServer();
    const proxy = new RoundRobinProxy(server, targets);
    server.on('request', (req, res) => {
      const index = proxy.next++ % targets.length;
      proxy.served[index]++;
      const target = new URL(req.url ?? '/', targets[index]);
      const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host }, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      // A client that gives up (stop(), a deadline) ends the held poll upstream too.
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
