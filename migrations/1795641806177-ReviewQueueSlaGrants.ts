import type { MigrationInterface, QueryRunner } from "typeorm";

export class ReviewQueueSlaGrants1795641806177 implements MigrationInterface {
    name = 'ReviewQueueSlaGrants1795641806177'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "exception_grants" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "user_ids" uuid array NOT NULL, "surfaces" text array NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" jsonb, "revoke_reason" text, CONSTRAINT "PK_1b3568ba2f212d2688f88a1e0bf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "exception_grants_request_idx" ON "exception_grants"  ("request_id") `);
        await queryRunner.query(`CREATE INDEX "exception_grants_tenant_idx" ON "exception_grants"  ("tenant_id", "created_at", "id") `);
        // Hand-edited: existing rows get an at-risk time before the column becomes NOT NULL.
        await queryRunner.query(`ALTER TABLE "exception_requests" ADD "sla_at_risk_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "exception_requests" SET "sla_at_risk_at" = "created_at" + ("sla_due_at" - "created_at") * 0.75`);
        await queryRunner.query(`ALTER TABLE "exception_requests" ALTER COLUMN "sla_at_risk_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "exception_requests" ADD "sla_paused_ms" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "exception_requests" ADD "business_ms_to_decision" bigint`);
        await queryRunner.query(`ALTER TABLE "exception_requests" ADD "claim_expires_at" TIMESTAMP WITH TIME ZONE`);
        // Hand-edited: the boolean "replace" becomes the three-way "action", keeping pending rows' meaning.
        await queryRunner.query(`ALTER TABLE "outbox_jobs" ADD "action" text NOT NULL DEFAULT 'add'`);
        await queryRunner.query(`UPDATE "outbox_jobs" SET "action" = 'replace' WHERE "replace"`);
        await queryRunner.query(`ALTER TABLE "outbox_jobs" DROP COLUMN "replace"`);
        await queryRunner.query(`CREATE INDEX "exception_requests_queue_idx" ON "exception_requests"  ("status", "sla_due_at", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."exception_requests_queue_idx"`);
        await queryRunner.query(`ALTER TABLE "outbox_jobs" ADD "replace" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`UPDATE "outbox_jobs" SET "replace" = ("action" = 'replace')`);
        await queryRunner.query(`ALTER TABLE "outbox_jobs" DROP COLUMN "action"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" DROP COLUMN "claim_expires_at"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" DROP COLUMN "business_ms_to_decision"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" DROP COLUMN "sla_paused_ms"`);
        await queryRunner.query(`ALTER TABLE "exception_requests" DROP COLUMN "sla_at_risk_at"`);
        await queryRunner.query(`DROP INDEX "public"."exception_grants_tenant_idx"`);
        await queryRunner.query(`DROP INDEX "public"."exception_grants_request_idx"`);
        await queryRunner.query(`DROP TABLE "exception_grants"`);
    }

}
