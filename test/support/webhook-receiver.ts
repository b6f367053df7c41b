import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: { type: string; timestamp: string; data: any; event?: any };
}

/**
 * A real HTTP server on loopback that records every POST it receives. Each path answers 204 unless
 * told to answer otherwise: `answer(path, 500, 500)` makes its next two calls fail.
 */
export class WebhookReceiver {
  readonly hits: Hit[] = [];
  private readonly scripted = new Map<string, number[]>();
  private readonly fixed = new Map<string, number>();
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.hits.push({ path, headers: req.headers, raw, body: JSON.parse(raw) });
        const status = this.scripted.get(path)?.shift() ?? this.fixed.get(path) ?? 204;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? `receiver says ${status}` : '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** The next calls to `path` answer these statuses, in turn. */
  answer(path: string, ...statuses: number[]): void {
    this.scripted.set(path, statuses);
  }

  /** Every call to `path` answers `status` (until told otherwise). */
  always(path: string, status: number): void {
    this.fixed.set(path, status);
  }

  at(path: string): Hit[] {
    return this.hits.filter((hit) => hit.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
