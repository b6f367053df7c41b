import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService } from '../../src/mail/mail.service.js';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { fastSlaEnv, isolatedDatabase, startTestApp, testEnv, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory, writeJwksFile } from '../support/tokens.js';

// api.md, "Notifications and webhooks", e-mail: through a real SMTP server (smtp-server), parsed with
// mailparser. The partner's contact hears of info requests, decisions and expiring grants; the review
// leads of SLA risks and breaches; in the language the request was filed in; once per notice.

const REQUESTS = '/v1/exception-requests';
const LEADS = ['lead-1@platform.test', 'lead-2@platform.test'];
const DAY = 86_400_000;

describe('e-mail', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let smtp: SmtpSink;
  let t: TestApp;
  let reviewer: string;

  const file = async (token: string, contactEmail: string, language?: string) => {
    const res = await t.http.post(
      REQUESTS,
      buildRequestBody({ title: `Agents blocked ${randomUUID().slice(0, 8)}`, contact: { name: 'Aiko Tanaka', email: contactEmail } }),
      {
        token,
        headers: language ? { 'accept-language': language } : {},
      },
    );
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; title: string; affectedUserIds: string[] };
  };
  const claim = async (id: string) =>
    expect((await t.http.post('/v1/review-queue/claim', { requestId: id }, { token: reviewer })).status).toBe(200);
  const mailsAbout = (address: string, requestId: string) => smtp.to(address).filter((mail) => mail.text?.includes(requestId));

  beforeAll(async () => {
    db = await isolatedDatabase('mail');
    tokens = new TokenFactory(await newSigningKey());
    smtp = await new SmtpSink().start();
    // A 12-second SLA on an every-hour calendar: a request left alone is at risk, then breached, here.
    t = await startTestApp(
      {
        ...db.env,
        ...fastSlaEnv(12),
        SMTP_URL: smtp.url,
        REVIEW_LEADS_EMAIL: LEADS.join(', '),
        MAIL_FROM: 'MFA exceptions <mfa@platform.test>',
      },
      tokens,
    );
    reviewer = await tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('writes to the contact of a request filed in Japanese in Japanese: the info request, the decision and the 1-day expiry notice, each once', async () => {
    const partner = await partnerTenant(tokens);
    const contact = `ja-${randomUUID().slice(0, 8)}@partner.test`;
    const request = await file(partner.adminAgent, contact, 'ja');
    await claim(request.id);
    const asked = await t.http.post(
      `${REQUESTS}/${request.id}/request-info`,
      { message: 'どのモジュールのバージョンをお使いですか。' },
      { token: reviewer },
    );
    expect(asked.status, asked.text).toBe(200);
    const [info] = await waitFor(async () => mailsAbout(contact, request.id).length >= 1 && mailsAbout(contact, request.id));
    expect(info.subject).toBe(`追加情報のお願い: ${request.title}`);
    expect(info.from?.value[0]?.address).toBe('mfa@platform.test');
    expect(info.text).toContain('審査担当者から追加情報の依頼があります');
    expect(info.html).toContain('<html lang="ja">');
    expect(info.html).toContain(`申請番号: ${request.id}`);

    const answered = await t.http.post(`${REQUESTS}/${request.id}/messages`, { body: 'V3.4 です。' }, { token: partner.adminAgent });
    expect(answered.status, answered.text).toBe(201);
    // The grant ends a day and a few seconds from now: its 1-day notice is due in a few seconds.
    const expiresAt = new Date(Date.now() + DAY + 4000).toISOString();
    const decided = await t.http.post(
      `${REQUESTS}/${request.id}/decision`,
      {
        outcome: 'approved',
        reason: 'EXO の委任管理モジュールの制約のため。',
        grant: { userIds: request.affectedUserIds, surfaces: ['delegated_admin'], expiresAt },
      },
      { token: reviewer },
    );
    expect(decided.status, decided.text).toBe(200);
    const mails = await waitFor(async () => mailsAbout(contact, request.id).length >= 3 && mailsAbout(contact, request.id), 20_000);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `追加情報のお願い: ${request.title}`,
      `承認されました: ${request.title}`,
      `MFA 例外の有効期限まであと 1 日: ${request.title}`,
    ]);
    expect(mails[1].text).toContain('理由: EXO の委任管理モジュールの制約のため。');
    // Once each: nothing more arrives, and the leads heard nothing of a request decided in time.
    await new Promise((done) => setTimeout(done, 1000));
    expect(mailsAbout(contact, request.id)).toHaveLength(3);
    for (const lead of LEADS) expect(mailsAbout(lead, request.id).filter((mail) => /SLA/.test(mail.subject ?? ''))).toEqual([]);

    // A job that runs again (a retry after a lost acknowledgement, a sweep) sends nothing more.
    const notices: { id: string }[] = await t.db.query(
      `SELECT id FROM notifications WHERE request_id = $1 AND kind IN ('request.info_requested', 'request.decided', 'grant.expiring')`,
      [request.id],
    );
    expect(notices).toHaveLength(3);
    for (const notice of notices) expect(await t.app.get(MailService).send(notice.id)).toBe(0);
    await new Promise((done) => setTimeout(done, 500));
    expect(mailsAbout(contact, request.id)).toHaveLength(3);
  }, 40_000);

  it('writes to every review lead, in English for a request filed in English, when a request is at risk and when it breaches', async () => {
    const partner = await partnerTenant(tokens);
    const contact = `en-${randomUUID().slice(0, 8)}@partner.test`;
    const request = await file(partner.adminAgent, contact);
    for (const lead of LEADS) {
      const mails = await waitFor(async () => mailsAbout(lead, request.id).length >= 2 && mailsAbout(lead, request.id), 30_000);
      expect(mails.map((mail) => mail.subject)).toEqual([`At risk of missing its SLA: ${request.title}`, `SLA breached: ${request.title}`]);
      expect(mails[1].text).toMatch(/was not decided within three business days/);
    }
    // The partner's contact is not told of the review's own SLA.
    expect(mailsAbout(contact, request.id)).toEqual([]);
    // Each send is recorded once the server has accepted it (a moment after the sink has the mail).
    const sent = () =>
      countRows(t.db, 'email_sends', `notification_id IN (SELECT id FROM notifications WHERE request_id = $1) AND status = 'sent'`, [
        request.id,
      ]);
    await waitFor(async () => (await sent()) === 4);
    await new Promise((done) => setTimeout(done, 500));
    expect(await sent()).toBe(4);
  }, 40_000);
});

// A worker process killed while it is sending: another worker takes the job up and the mail arrives
// once. Real processes (the built service), so that the kill is a real one.
describe('e-mail after a worker is killed mid-send', () => {
  const MAIN = join(resolve(import.meta.dirname, '../..'), 'dist/src/main.js');
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let smtp: SmtpSink;
  let api: TestApp;
  const workers: ChildProcess[] = [];

  const startWorker = (): ChildProcess => {
    const env = testEnv(writeJwksFile([tokens.key]), {
      ...db.env,
      PROCESS_ROLE: 'worker',
      SMTP_URL: smtp.url,
      QUEUE_JOB_LOCK_MS: '1500',
      LOG_LEVEL: 'warn',
    });
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    db = await isolatedDatabase('mailkill');
    tokens = new TokenFactory(await newSigningKey());
    smtp = await new SmtpSink().start();
    api = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
  });
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await api?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('sends the info request once, after the worker that was sending it is killed', async () => {
    const first = startWorker();
    const killed = new Promise<void>((done) => first.once('exit', () => done()));
    smtp.interruptNext(() => first.kill('SIGKILL'));

    const partner = await partnerTenant(tokens);
    const contact = `kill-${randomUUID().slice(0, 8)}@partner.test`;
    const filed = await api.http.post(REQUESTS, buildRequestBody({ contact: { name: 'Ken Sato', email: contact } }), {
      token: partner.adminAgent,
    });
    expect(filed.status, filed.text).toBe(201);
    const reviewer = await tokens.mint({ role: ROLE.reviewer });
    expect((await api.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer })).status).toBe(200);
    expect(
      (await api.http.post(`${REQUESTS}/${filed.body.id}/request-info`, { message: 'Which version?' }, { token: reviewer })).status,
    ).toBe(200);

    await waitFor(async () => first.exitCode !== null || first.signalCode !== null, 30_000);
    await killed;
    expect(smtp.to(contact)).toEqual([]);
    const [claimed] = await api.db.query(`SELECT status, attempts FROM email_sends WHERE recipient = $1`, [contact]);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });

    startWorker();
    const mails = await waitFor(async () => smtp.to(contact).length >= 1 && smtp.to(contact), 30_000);
    await new Promise((done) => setTimeout(done, 2000));
    expect(smtp.to(contact)).toHaveLength(1);
    expect(mails[0].subject).toBe(`More information needed: ${filed.body.title}`);
    const [sent] = await api.db.query(`SELECT status, attempts FROM email_sends WHERE recipient = $1`, [contact]);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
  }, 60_000);
});
