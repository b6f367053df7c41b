import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeGrant {
  grantId: string;
  tenantId: string;
  userIds: string[];
  surfaces: string[];
  validFrom: string;
  expiresAt: string;
}

interface Change {
  seq: number;
  type: 'created' | 'revoked' | 'expired';
  grant: FakeGrant;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  at: number;
  body?: unknown;
}

/**
 * The service's grant feed and usage endpoint as the contract describes them, in memory, for the
 * client's logic (holding, failures, backoff) without the real service. The real one is tested in
 * test/service/.
 */
export class FakeService {
  readonly requests: SeenRequest[] = [];
  readonly usage: { grantId: string; count: number; lastUsedAt: string }[][] = [];
  /** Answer every call with this status (null: behave). */
  failWith: number | null = null;
  /** Answer changes?cursor= with this status (e.g. 410 for a cursor too old), `failCursorTimes` times. */
  failCursorWith: number | null = null;
  failCursorTimes = 1;
  private readonly changes: Change[] = [];
  private readonly held = new Set<() => void>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<FakeService> {
    const service = new FakeService();
    await service.listen(0);
    return service;
  }

  grant(overrides: Partial<FakeGrant> = {}): FakeGrant {
    const grant: FakeGrant = {
      grantId: randomUUID(),
      tenantId: randomUUID(),
      userIds: [randomUUID()],
      surfaces: ['delegated_admin'],
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      ...overrides,
    };
    this.push('created', grant);
    return grant;
  }

  revoke(grant: FakeGrant): void {
    this.push('revoked', grant);
  }

  /** The changes polls asked for, with the wait they asked for. */
  polls(): SeenRequest[] {
    return this.requests.filter((r) => r.path === '/v1/enforcement/grants/changes' && r.query.has('cursor'));
  }

  /** Stops answering: open connections are destroyed, new ones refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const wake of this.held) wake();
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  close(): Promise<void> {
    return this.down();
  }

  private push(type: Change['type'], grant: FakeGrant): void {
    this.changes.push({ seq: this.changes.length + 1, type, grant });
    for (const wake of this.held) wake();
  }

  private active(): FakeGrant[] {
    const grants = new Map<string, FakeGrant>();
    for (const change of this.changes) {
      if (change.type === 'created') grants.set(change.grant.grantId, change.grant);
      else grants.delete(change.grant.grantId);
    }
    return [...grants.values()];
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      at: Date.now(),
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.requests.push(seen);
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (this.failWith) return send(this.failWith, { status: this.failWith, code: 'service.unavailable', detail: 'failing on purpose' });
    if (url.pathname === '/v1/enforcement/usage' && req.method === 'POST') {
      this.usage.push((seen.body as { items: never[] }).items);
      return send(202);
    }
    if (url.pathname !== '/v1/enforcement/grants/changes') return send(404);
    // The contract's bounds, so that the client cannot ask for what the real service refuses.
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const wait = Number(url.searchParams.get('wait') ?? 0);
    if (!(limit >= 1 && limit <= 200 && wait >= 0 && wait <= 30)) return send(400, { status: 400, code: 'validation.failed' });
    const cursor = url.searchParams.get('cursor');
    if (cursor === null) {
      const seq = this.changes.length;
      return send(200, {
        items: [],
        nextCursor: null,
        resumeCursor: 'c0',
        snapshot: { cursor: `c${seq}`, grants: this.active(), nextCursor: null },
      });
    }
    if (this.failCursorWith && this.failCursorTimes-- > 0) {
      return send(this.failCursorWith, { status: this.failCursorWith, detail: 'cursor too old' });
    }
    const after = Number(cursor.slice(1));
    if (this.changes.length <= after && wait > 0) await this.hold(wait * 1000);
    const items = this.changes
      .slice(after)
      .map((c) => ({ cursor: `c${c.seq}`, type: c.type, at: new Date().toISOString(), grant: c.grant }));
    send(200, { items, nextCursor: null, resumeCursor: `c${after + items.length}` });
  }

  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.held.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.held.add(wake);
    });
  }
}
