import { MigrationInterface, QueryRunner } from "typeorm";

export class InternalNotesAndNotificationReads1795866743941 implements MigrationInterface {
    name = 'InternalNotesAndNotificationReads1795866743941'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notifications" ADD "read_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "request_messages" ADD "internal" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE INDEX "notifications_audience_created_idx" ON "notifications"  ("audience", "tenant_id", "created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."notifications_audience_created_idx"`);
        await queryRunner.query(`ALTER TABLE "request_messages" DROP COLUMN "internal"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "read_at"`);
    }

}
