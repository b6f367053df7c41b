// The service's HTTP calls: global fetch, a fresh bearer token on every call, a deadline on every
// call, and abort on stop.

/** A call the service answered with a non-2xx status. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${status}${detail ? ` ${detail}` : ''}`);
    this.name = 'ServiceError';
  }
}

export interface ServiceApiOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string> | string;
  readonly fetch?: typeof fetch;
}

export interface CallOptions {
  /** Aborts the call (stop()). */
  readonly signal: AbortSignal;
  /** Gives up after this long: a connection that silently died must not hold the follower. */
  readonly timeoutMs: number;
  readonly body?: unknown;
}

export class ServiceApi {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ServiceApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  get<T>(path: string, options: CallOptions): Promise<T> {
    return this.call<T>('GET', path, options);
  }

  post<T>(path: string, options: CallOptions): Promise<T> {
    return this.call<T>('POST', path, options);
  }

  private async call<T>(method: string, path: string, options: CallOptions): Promise<T> {
    // One controller per call, linked to the stop signal by hand: AbortSignal.any on a long-lived
    // signal kept every call's signal alive on some Node 20 releases.
    const controller = new AbortController();
    const abort = () => controller.abort(options.signal.reason);
    if (options.signal.aborted) abort();
    options.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => controller.abort(new Error(`${path}: no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    try {
      const token = await this.options.getToken();
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
      // The body is always read, so that the connection goes back to the pool.
      const text = await response.text();
      if (!response.ok) throw new ServiceError(response.status, path, problemDetail(text));
      return (text ? JSON.parse(text) : undefined) as T;
    } catch (error) {
      // fetch reports an abort as its own AbortError: say why instead.
      if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', abort);
    }
  }
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown };
    return [problem.code, problem.detail].filter((part) => typeof part === 'string').join(': ');
  } catch {
    return text.slice(0, 200);
  }
}
