import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { ClassificationModule } from './classification/classification.module.js';
import { ConsoleModule } from './console/console.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/database-options.js';
import { MaintenanceModule } from './queue/maintenance.js';
import { OutboxModule } from './queue/outbox/outbox.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { AuthModule } from './platform/auth/auth.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { QueueModule } from './queue/queue.module.js';
import { EnforcementModule } from './enforcement/enforcement.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { GrantsModule } from './grants/grants.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { ReviewModule } from './review/review.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { MailModule } from './mail/mail.module.js';

export function servesApi(config: AppConfig): boolean {
  return config.processRole !== 'worker';
}

export function runsWorker(config: AppConfig): boolean {
  return config.processRole !== 'api';
}

/** The whole service; which parts run depends on PROCESS_ROLE (api, worker or all). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const api = servesApi(config);
    const worker = runsWorker(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, [], config.databasePoolSize), autoLoadEntities: true }),
        QueueModule.forRoot(config),
        PlatformModule,
        AuditModule,
        OutboxModule.forRole(worker),
        NotificationsModule.forRole(worker),
        RequestsModule,
        GrantsModule.forRole(api, worker),
        ReviewModule.forRole(api, worker),
        WebhooksModule.forRole(api, worker),
        MailModule.forRole(worker),
        ...(api ? [AuthModule, HealthModule.forRoot(config), ClassificationModule, EnforcementModule, MetricsModule, ConsoleModule] : []),
        ...(worker ? [MaintenanceModule] : []),
      ],
    };
  }
}
