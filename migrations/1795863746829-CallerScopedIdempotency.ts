import { MigrationInterface, QueryRunner } from "typeorm";

export class CallerScopedIdempotency1795863746829 implements MigrationInterface {
    name = 'CallerScopedIdempotency1795863746829'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Hand edit: keys stored before this migration have no caller to scope them to. They only
        // replay retries (IDEMPOTENCY_RETENTION_HOURS), so they are dropped rather than guessed.
        await queryRunner.query(`DELETE FROM "idempotency_keys"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "principal" text NOT NULL`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "PK_b5c6db50392003e35d51ef7aba7"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "PK_6640f8543ac28b0f0feb66c6ea9" PRIMARY KEY ("tenant_id", "key", "principal")`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "operation" text NOT NULL`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "PK_6640f8543ac28b0f0feb66c6ea9"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "PK_f07947c0bc1e790410a2e2ca209" PRIMARY KEY ("tenant_id", "key", "principal", "operation")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "PK_f07947c0bc1e790410a2e2ca209"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "PK_6640f8543ac28b0f0feb66c6ea9" PRIMARY KEY ("tenant_id", "key", "principal")`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "operation"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "PK_6640f8543ac28b0f0feb66c6ea9"`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "PK_b5c6db50392003e35d51ef7aba7" PRIMARY KEY ("tenant_id", "key")`);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "principal"`);
    }

}
