import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = resolve(import.meta.dirname, '../..');

/** Runs node in `cwd`; answers its stdout and the milliseconds it took to exit by itself. */
function node(cwd: string, args: string[], timeoutMs = 10_000): Promise<{ stdout: string; ms: number }> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`node ${args.join(' ')} did not exit within ${timeoutMs} ms (a handle left open?)\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done({ stdout, ms: Date.now() - started });
      else fail(new Error(`exit ${code}\n${stdout}${stderr}`));
    });
  });
}

// What an application does with the package: decide before any sync (fails closed), then follow a
// service that holds every poll, decide, and stop; the process must then end by itself.
const USE = (load: string) => `
${load}
const { createServer } = require('node:http');
const held = [];
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const answer = (body) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (!url.searchParams.has('cursor')) return answer({ items: [], nextCursor: null, resumeCursor: 'c0', snapshot: { cursor: 'c0', grants: [{ grantId: '00000000-0000-4000-8000-000000000001', tenantId: '00000000-0000-4000-8000-00000000000a', userIds: ['00000000-0000-4000-8000-00000000000b'], surfaces: ['delegated_admin'], validFrom: '2000-01-01T00:00:00.000Z', expiresAt: '2999-01-01T00:00:00.000Z' }], nextCursor: null } });
  if (url.searchParams.get('wait') === '0') return answer({ items: [], nextCursor: null, resumeCursor: 'c0' });
  held.push(res); // a long poll: never answered
});
server.listen(0, '127.0.0.1', async () => {
  const client = new EnforcementClient({ baseUrl: 'http://127.0.0.1:' + server.address().port, getToken: async () => 't' });
  const before = client.decide({ tenantId: '00000000-0000-4000-8000-00000000000a', userId: '00000000-0000-4000-8000-00000000000b', surface: 'delegated_admin' });
  await client.start();
  await new Promise((r) => setTimeout(r, 100));
  const after = client.isExempt('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', 'delegated_admin');
  await client.stop();
  server.close();
  server.closeAllConnections();
  console.log(JSON.stringify({ before: before.reason, after, synced: client.status().synced }));
});
`;

describe('the built package', () => {
  let root: string;
  let files: string[];

  beforeAll(() => {
    if (!existsSync(join(PACKAGE_DIR, 'dist/index.cjs'))) throw new Error('build the package first: npm run build:client');
    root = mkdtempSync(join(tmpdir(), 'enforcement-client-'));
    // Installed from its tarball, as a registry would hand it out: only what `files` ships.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', root], { cwd: PACKAGE_DIR, encoding: 'utf8' }),
    );
    files = packed.files.map((file: { path: string }) => file.path);
    const target = join(root, 'node_modules/@mfa-exceptions/enforcement-client');
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(root, packed.filename), '-C', target, '--strip-components=1']);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ships the ESM and CommonJS builds with their declarations, the README, and no dependency', () => {
    expect(files).toEqual(
      expect.arrayContaining(['dist/index.mjs', 'dist/index.cjs', 'dist/index.d.mts', 'dist/index.d.cts', 'README.md']),
    );
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules/@mfa-exceptions/enforcement-client/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    // The decision rules are the service's module, bundled in: its code is in both builds.
    for (const build of ['index.mjs', 'index.cjs']) {
      expect(readFileSync(join(root, 'node_modules/@mfa-exceptions/enforcement-client/dist', build), 'utf8')).toContain(
        'src/enforcement/domain/enforcement-decision.ts',
      );
    }
  });

  it('works from require(), fails closed before syncing, and lets the process exit after stop()', async () => {
    const { stdout, ms } = await node(root, ['-e', USE(`const { EnforcementClient } = require('@mfa-exceptions/enforcement-client');`)]);
    expect(JSON.parse(stdout)).toEqual({ before: 'client_stale', after: true, synced: true });
    expect(ms).toBeLessThan(5_000);
  });

  it('works from import, fails closed before syncing, and lets the process exit after stop()', async () => {
    const load = `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
      import { EnforcementClient } from '@mfa-exceptions/enforcement-client';`;
    const { stdout, ms } = await node(root, ['--input-type=module', '-e', USE(load)]);
    expect(JSON.parse(stdout)).toEqual({ before: 'client_stale', after: true, synced: true });
    expect(ms).toBeLessThan(5_000);
  });
});
