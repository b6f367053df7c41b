import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The node flags production starts the service with (Dockerfile `CMD`, `npm start`, `npm run
 * start:prod`): the benchmarks start it the same way (test/unit/service-flags.spec.ts keeps them equal).
 * A 64 MiB semi-space (young generation up to 128 MiB) means fewer scavenges for the many short-lived
 * objects of each request: measured with `npm run bench:filing`, the service's CPU per filing went
 * from 880–1,090 µs to 650–770 µs.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** A free TCP port on loopback for a server the benchmark starts. */
export async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Waits until `url` answers 2xx (at most 30 s), failing at once if the child process exits. */
export async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const up = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * CPU time a process has used (user + system), in milliseconds, from /proc (null elsewhere). Unlike
 * requests per second, CPU time per request hardly moves when other work shares the machine.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
