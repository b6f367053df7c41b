import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpTimeouts } from '../../config/config.js';

/** Routes answered on the raw request, before Fastify: `handle` answers true when it took the request. */
export interface RawRoutes {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * The HTTP server, with a hook in front of Fastify for the few routes that are answered on every
 * protected sign-in of every partner (the enforcement hot path). Every other request, and any hot
 * request the routes decline, goes to Fastify unchanged. The routes are attached once the
 * application is built (they need its services); until then everything goes to Fastify.
 */
export class HotPathServer {
  private routes: RawRoutes | null = null;

  use(routes: RawRoutes): void {
    this.routes = routes;
  }

  /** Fastify's `serverFactory`: the server with the timeouts Fastify would otherwise have set. */
  factory(timeouts: HttpTimeouts): (fastifyHandler: (req: IncomingMessage, res: ServerResponse) => void) => Server {
    return (fastifyHandler) => {
      const server = createServer({ headersTimeout: timeouts.headersTimeoutMs, requestTimeout: timeouts.requestTimeoutMs }, (req, res) => {
        if (!this.routes?.handle(req, res)) fastifyHandler(req, res);
      });
      server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
      server.setTimeout(timeouts.idleTimeoutMs);
      return server;
    };
  }
}
