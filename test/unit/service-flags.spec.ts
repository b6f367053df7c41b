import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../bench/processes.js';

// The benchmarks measure the service as production starts it: the same node flags everywhere.
describe('the node flags the service starts with', () => {
  const flags = SERVICE_NODE_FLAGS.join(' ');

  it('are those of the container image', () => {
    const cmd = readFileSync('Dockerfile', 'utf8').match(/^CMD (\[.*\])$/m);
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1])).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/src/main.js']);
  });

  it('are those of npm start and npm run start:prod', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`node ${flags} dist/src/main.js`);
    expect(scripts['start:prod']).toBe(`node ${flags} dist/src/main.js`);
  });
});
