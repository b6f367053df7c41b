import type { MigrationInterface, QueryRunner } from "typeorm";

export class GrantFeedAndUsage1795642647523 implements MigrationInterface {
    name = 'GrantFeedAndUsage1795642647523'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "grant_changes" ("seq" BIGSERIAL NOT NULL, "grant_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "grant" jsonb NOT NULL, CONSTRAINT "PK_e6605b2639e7465c963785b4a4c" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "grant_changes_once_idx" ON "grant_changes"  ("grant_id", "type") `);
        await queryRunner.query(`ALTER TABLE "exception_grants" ADD "use_count" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "exception_grants" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "exception_grants" DROP COLUMN "last_used_at"`);
        await queryRunner.query(`ALTER TABLE "exception_grants" DROP COLUMN "use_count"`);
        await queryRunner.query(`DROP INDEX "public"."grant_changes_once_idx"`);
        await queryRunner.query(`DROP TABLE "grant_changes"`);
    }

}
