import { describe, expect, it } from 'vitest';
import { ShutdownSafeWorkerHost } from '../../src/queue/worker-host.js';

class Host extends ShutdownSafeWorkerHost {
  readonly lines: [string, string][] = [];
  constructor() {
    super();
    const record = (level: string) => (_fields: unknown, msg: string) => void this.lines.push([level, msg]);
    Object.assign(this.logger, { warn: record('warn'), error: record('error') });
  }
  process(): Promise<unknown> {
    return Promise.resolve();
  }
}

describe('a failed job in the log', () => {
  it('is a warning while BullMQ will retry it, an error once it is out of attempts', () => {
    const host = new Host();
    host.onJobFailed({ id: 'j1', name: 'request.filed', attemptsMade: 1, opts: { attempts: 8 } }, new Error('connect ECONNREFUSED'));
    host.onJobFailed({ id: 'j1', name: 'request.filed', attemptsMade: 8, opts: { attempts: 8 } }, new Error('connect ECONNREFUSED'));
    host.onJobFailed({ id: 'j2', name: 'mail.send', attemptsMade: 1 }, new Error('no retries configured'));
    expect(host.lines).toEqual([
      ['warn', 'job failed; will retry'],
      ['error', 'job failed'],
      ['error', 'job failed'],
    ]);
  });
});
