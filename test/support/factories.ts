import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A valid filing body; override any field. */
export function buildRequestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Exchange Online PowerShell cannot complete MFA',
    description:
      'Our admin agents manage customer mailboxes through Exchange Online PowerShell with delegated admin privileges; the module does not support MFA.',
    affectedUserIds: [randomUUID()],
    surfaces: ['delegated_admin'],
    contact: { name: 'Aiko Tanaka', email: 'aiko.tanaka@partner.example', phone: '+81 3-1234-5678' },
    ...overrides,
  };
}

export async function countRows(db: DataSource, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row.n as number;
}

/**
 * Row counts, for one tenant, of every table a request touches: what "nothing stored, nothing
 * queued" is checked against. Scoped to the tenant because other test files share the database.
 */
export async function tenantRowCounts(db: DataSource, tenantId: string): Promise<Record<string, number>> {
  const ofTenant = 'request_id IN (SELECT id FROM exception_requests WHERE tenant_id = $1)';
  return {
    exception_requests: await countRows(db, 'exception_requests', 'tenant_id = $1', [tenantId]),
    request_messages: await countRows(db, 'request_messages', ofTenant, [tenantId]),
    audit_events: await countRows(db, 'audit_events', 'tenant_id = $1', [tenantId]),
    idempotency_keys: await countRows(db, 'idempotency_keys', 'tenant_id = $1', [tenantId]),
    outbox_jobs: await countRows(
      db,
      'outbox_jobs',
      `(payload->>'requestId')::uuid IN (SELECT id FROM exception_requests WHERE tenant_id = $1)`,
      [tenantId],
    ),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
