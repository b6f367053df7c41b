import type { FastifyRequest } from 'fastify';

export interface HeldConnection {
  /** Aborts when the caller goes away, so nothing waits on its behalf afterwards. */
  readonly signal: AbortSignal;
  /** Call once the answer is ready: stops watching the (keep-alive) socket. */
  release(): void;
}

/**
 * For an answer held on purpose (long polling): the connection may stay quiet for `ms` without the
 * server's idle timeout ending it.
 */
export function holdConnection(request: FastifyRequest, ms: number): HeldConnection {
  const controller = new AbortController();
  const socket = request.raw.socket;
  socket.setTimeout(ms + 5_000);
  const abort = () => controller.abort();
  socket.once('close', abort);
  return {
    signal: controller.signal,
    release: () => socket.off('close', abort),
  };
}
