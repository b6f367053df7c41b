import type { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795640009506 implements MigrationInterface {
    name = 'Foundation1795640009506'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "request_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "type" text NOT NULL, "actor_kind" text NOT NULL, "actor_user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_status" text, "to_status" text, "data" jsonb, CONSTRAINT "UQ_6e299f5706e715265416fefe53e" UNIQUE ("seq"), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "audit_events_request_seq_idx" ON "audit_events"  ("request_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL, "kind" text NOT NULL, "audience" text NOT NULL, "tenant_id" uuid, "request_id" uuid, "dedupe_key" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_1ce34a3c9fd97cd56bcb734ca9e" UNIQUE ("dedupe_key"), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "notifications_request_idx" ON "notifications"  ("request_id") `);
        await queryRunner.query(`CREATE TABLE "idempotency_keys" ("tenant_id" uuid NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "status_code" smallint, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b5c6db50392003e35d51ef7aba7" PRIMARY KEY ("tenant_id", "key"))`);
        await queryRunner.query(`CREATE TABLE "exception_requests" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "submitted_by" jsonb NOT NULL, "topic" text NOT NULL, "issue_type" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "affected_user_ids" uuid array NOT NULL, "surfaces" text array NOT NULL, "third_party_mfa" jsonb, "contact" jsonb NOT NULL, "status" text NOT NULL, "classification" jsonb NOT NULL, "known_issue" smallint, "sla_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sla_state" text NOT NULL, "sla_paused_at" TIMESTAMP WITH TIME ZONE, "assignee" jsonb, "decision" jsonb, "grant_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "exception_requests_status_check" CHECK ("status" IN ('submitted','in_review','info_requested','approved','rejected','withdrawn')), CONSTRAINT "PK_e45203b17c21c5e3834e9662b54" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "exception_requests_sla_due_idx" ON "exception_requests"  ("sla_due_at", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "exception_requests_tenant_created_idx" ON "exception_requests"  ("tenant_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "request_messages" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "author" jsonb NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2c46c29c5bd12025b30863202dc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "request_messages_request_idx" ON "request_messages"  ("request_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "outbox_jobs" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "name" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "replace" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "relayed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_eca0e49b45a0974cb16b7d2e498" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "outbox_jobs_pending_idx" ON "outbox_jobs"  ("id") WHERE "relayed_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "request_messages" ADD CONSTRAINT "FK_41626149ddfb759408a1c66ed30" FOREIGN KEY ("request_id") REFERENCES "exception_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Hand-written: the audit trail is append-only, whatever code or person connects.
        await queryRunner.query(`CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
        await queryRunner.query(`CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`);
        await queryRunner.query(`CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
        await queryRunner.query(`DROP TRIGGER "audit_events_no_update_or_delete" ON "audit_events"`);
        await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
        await queryRunner.query(`ALTER TABLE "request_messages" DROP CONSTRAINT "FK_41626149ddfb759408a1c66ed30"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_jobs_pending_idx"`);
        await queryRunner.query(`DROP TABLE "outbox_jobs"`);
        await queryRunner.query(`DROP INDEX "public"."request_messages_request_idx"`);
        await queryRunner.query(`DROP TABLE "request_messages"`);
        await queryRunner.query(`DROP INDEX "public"."exception_requests_tenant_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."exception_requests_sla_due_idx"`);
        await queryRunner.query(`DROP TABLE "exception_requests"`);
        await queryRunner.query(`DROP TABLE "idempotency_keys"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_request_idx"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`DROP INDEX "public"."audit_events_request_seq_idx"`);
        await queryRunner.query(`DROP TABLE "audit_events"`);
    }

}
