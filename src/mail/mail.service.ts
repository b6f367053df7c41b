import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MAILED_KINDS, NotificationsRepository } from '../notifications/notifications.repository.js';
import { Clock } from '../platform/clock.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { renderMail, type MailFacts } from './domain/templates.js';
import { EmailSendsRepository } from './email-sends.repository.js';

/**
 * E-mails a notice (when SMTP_URL is set): the partner's contact hears of questions, decisions and
 * expiring grants; the review leads (REVIEW_LEADS_EMAIL) of SLA risks and breaches; each in the
 * language the request was filed in. Each address gets each notice once: the send is claimed before
 * and recorded after, and a failed send throws so that the job is retried like a webhook.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly requests: RequestsRepository,
    private readonly sends: EmailSendsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Answers how many e-mails went out now. */
  async send(notificationId: string): Promise<number> {
    if (!this.config.mail.smtpUrl) return 0;
    const notice = await this.notifications.find(notificationId);
    if (!notice || !notice.requestId || !MAILED_KINDS.has(notice.kind)) return 0;
    const request = await this.requests.find(notice.requestId, null);
    if (!request) return 0;
    const recipients = notice.audience === 'review_leads' ? this.config.mail.reviewLeads : [request.contact.email];
    const payload = notice.payload as Record<string, unknown>;
    const decision = request.decision;
    const facts: MailFacts = {
      kind: notice.kind,
      requestId: request.id,
      title: request.title,
      outcome: decision?.outcome,
      reason: decision?.reason,
      daysBefore: typeof payload.daysBefore === 'number' ? payload.daysBefore : undefined,
      expiresAt: typeof payload.expiresAt === 'string' ? payload.expiresAt : undefined,
      dueAt: typeof payload.dueAt === 'string' ? payload.dueAt : request.slaDueAt.toISOString(),
    };
    const mail = renderMail(facts, request.locale);
    let sent = 0;
    for (const recipient of recipients) {
      const claim = await this.sends.claim(notice.id, recipient, this.clock.now());
      if (!claim) continue;
      try {
        await this.transporter().sendMail({ from: this.config.mail.from, to: recipient, messageId: claim.messageId, ...mail });
      } catch (error) {
        await this.sends.markFailed(claim.id, (error as Error).message);
        throw error;
      }
      await this.sends.markSent(claim.id, this.clock.now());
      sent++;
    }
    return sent;
  }

  private transporter(): Transporter {
    this.transport ??= nodemailer.createTransport(this.config.mail.smtpUrl);
    return this.transport;
  }
}
