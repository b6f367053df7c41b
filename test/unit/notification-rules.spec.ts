import { describe, expect, it } from 'vitest';
import { renderMail } from '../../src/mail/domain/templates.js';
import { MAILED_KINDS } from '../../src/notifications/notifications.repository.js';
import { retryDelayMs, retrySpanMs } from '../../src/webhooks/domain/retry-schedule.js';
import { signatureOf } from '../../src/webhooks/domain/signature.js';
import { Webhook } from 'standardwebhooks';

const MINUTE = 60_000;

describe('webhook retry schedule', () => {
  const defaults = { maxAttempts: 12, baseMs: MINUTE };

  it('doubles from one minute: 1, 2, 4 … 1024 minutes after attempts 1 to 11, then gives up', () => {
    const waits = Array.from({ length: 12 }, (_, i) => retryDelayMs(defaults, i + 1));
    expect(waits).toEqual([...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].map((m) => m * MINUTE), null]);
  });

  it('spans more than 24 hours by default (about 34 h from the first attempt to the last)', () => {
    expect(retrySpanMs(defaults)).toBe(2047 * MINUTE);
    expect(retrySpanMs(defaults)).toBeGreaterThan(24 * 60 * MINUTE);
  });
});

describe('webhook signature', () => {
  it('is what an independent Standard Webhooks implementation computes', () => {
    const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const at = new Date('2026-11-28T10:00:00Z');
    const body = '{"type":"request.filed","timestamp":"2026-11-28T10:00:00.000Z","data":{}}';
    expect(signatureOf(secret, 'evt_1', at.getTime() / 1000, body)).toBe(new Webhook(secret).sign('evt_1', at, body));
  });
});

describe('e-mail templates', () => {
  const facts = {
    requestId: 'r-1',
    title: 'Agents <b>&</b> "EXO"',
    outcome: 'approved' as const,
    reason: 'ok',
    daysBefore: 1,
    expiresAt: '2026-12-01T00:00:00Z',
    dueAt: '2026-12-01T00:00:00Z',
  };

  it.each([...MAILED_KINDS])('has %s in English and Japanese, as text and HTML', (kind) => {
    for (const locale of ['en', 'ja'] as const) {
      const mail = renderMail({ ...facts, kind }, locale);
      expect(mail.subject).toContain(facts.title);
      expect(mail.text).toContain('r-1');
      expect(mail.html).toContain(`<html lang="${locale}">`);
    }
    expect(renderMail({ ...facts, kind }, 'ja').text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(renderMail({ ...facts, kind }, 'en').text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('escapes what the partner wrote in the HTML part', () => {
    const mail = renderMail({ ...facts, kind: 'request.decided', reason: '<script>alert(1)</script>' }, 'en');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
