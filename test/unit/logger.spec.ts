import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, PinoNestLogger } from '../../src/platform/logging/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('structured logs', () => {
  it('redacts tokens, emails, phone numbers and contact details', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', 'idempotency-key': 'k1' } },
        token: 'eyJ.raw.token',
        contact: { name: 'Aiko', email: 'aiko@partner.example' },
        user: { email: 'someone@partner.example', phone: '+81 3 1234 5678' },
      },
      'filed',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain('@partner.example');
    expect(text).not.toContain('1234 5678');
    expect(lines[0]).toMatchObject({ msg: 'filed', service: 'mfa-exceptions', token: '[redacted]', contact: '[redacted]' });
  });

  it('logs an error by type, message, code and stack only: never the query parameters it carries', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      parameters: ['aiko@partner.example', '+81 3 1234 5678'],
      query: 'INSERT INTO exception_requests ...',
      driverError: { detail: 'Key (email)=(aiko@partner.example)' },
    });
    logger.error({ err: error }, 'unhandled error');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('aiko@partner.example');
    expect(text).not.toContain('INSERT INTO');
    expect(lines[0]).toMatchObject({ err: { type: 'Error', message: 'duplicate key value violates unique constraint', code: '23505' } });
  });

  it("writes Nest's messages and our (object, message) calls as one JSON line each, with the context", () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn({ jobId: 'j1', err: 'refused' }, 'outbox relay failed; will retry', 'OutboxRelay');
    nest.error('boom', 'Error: boom\n    at x', 'Errors');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'Nest application successfully started', context: 'NestApplication' });
    expect(lines[1]).toMatchObject({ level: 40, msg: 'outbox relay failed; will retry', context: 'OutboxRelay', jobId: 'j1' });
    expect(lines[2]).toMatchObject({ level: 50, msg: 'boom', context: 'Errors', stack: expect.stringContaining('at x') });
  });
});
