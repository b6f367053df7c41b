import { MigrationInterface, QueryRunner } from "typeorm";

export class WebhooksMailAndLocale1795869230106 implements MigrationInterface {
    name = 'WebhooksMailAndLocale1795869230106'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "email_sends" ("id" uuid NOT NULL, "notification_id" uuid NOT NULL, "recipient" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "message_id" text NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" text, CONSTRAINT "email_sends_once_uq" UNIQUE ("notification_id", "recipient"), CONSTRAINT "PK_ff5a9365310c9246e00dcfd8450" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL, "owner_kind" text NOT NULL, "tenant_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "description" text, "secret" text NOT NULL, "created_by" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_subscriptions_owner_idx" ON "webhook_subscriptions"  ("owner_kind", "tenant_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_seq" bigint NOT NULL, "event_type" text NOT NULL, "request_id" uuid NOT NULL, "body" jsonb NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "round" integer NOT NULL DEFAULT '0', "response_status" smallint, "response_excerpt" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "webhook_deliveries_once_uq" UNIQUE ("subscription_id", "event_id"), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_chain_idx" ON "webhook_deliveries"  ("subscription_id", "request_id", "event_seq") `);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_list_idx" ON "webhook_deliveries"  ("subscription_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "webhook_fanouts" ("event_id" uuid NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e40e65eed553f5cc726217056ca" PRIMARY KEY ("event_id"))`);
        // Hand edit: events written before webhooks existed are done; only later ones fan out.
        await queryRunner.query(`INSERT INTO "webhook_fanouts" ("event_id", "done_at") SELECT "id", now() FROM "audit_events"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" ADD "locale" text NOT NULL DEFAULT 'en'`);
        await queryRunner.query(`CREATE INDEX "audit_events_at_idx" ON "audit_events"  ("at") `);
        await queryRunner.query(`CREATE INDEX "audit_events_type_idx" ON "audit_events"  ("type") `);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`);
        await queryRunner.query(`DROP INDEX "public"."audit_events_type_idx"`);
        await queryRunner.query(`DROP INDEX "public"."audit_events_at_idx"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" DROP COLUMN "locale"`);
        await queryRunner.query(`DROP TABLE "webhook_fanouts"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_list_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_chain_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_subscriptions_owner_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
        await queryRunner.query(`DROP TABLE "email_sends"`);
    }

}
