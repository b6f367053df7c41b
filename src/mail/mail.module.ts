import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RequestsModule } from '../requests/requests.module.js';
import { EmailSendEntity } from './email-send.entity.js';
import { EmailSendsRepository } from './email-sends.repository.js';
import { MailProcessor } from './mail.processor.js';
import { MailService } from './mail.service.js';

/** E-mail of notices through SMTP_URL (worker role; nothing when SMTP_URL is unset). */
@Module({})
export class MailModule {
  static forRole(worker: boolean): DynamicModule {
    return {
      module: MailModule,
      imports: [TypeOrmModule.forFeature([EmailSendEntity]), RequestsModule],
      providers: worker ? [EmailSendsRepository, MailService, MailProcessor] : [],
    };
  }
}
