import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** Rows of one entity to insert; `skipOnConflict` for the first part only (ON CONFLICT DO NOTHING). */
export interface InsertPart {
  readonly entity: EntityTarget<ObjectLiteral>;
  readonly rows: readonly ObjectLiteral[];
  readonly skipOnConflict?: boolean;
}

interface ColumnPlan {
  readonly column: ColumnMetadata;
  readonly name: string;
  readonly cast: string;
}

/**
 * Several INSERTs sent as one statement (data-modifying WITH clauses): one round trip, atomic
 * without a transaction of its own. With `gated`, the parts after the first are written only when
 * the first wrote a row: an idempotency key that already exists writes nothing else. Values go
 * through TypeORM's column metadata and transformers, as `em.insert` would write them; the statement
 * is prepared once per connection (named by a hash of its text).
 *
 * Used where round trips dominate (filing a request): elsewhere repositories use TypeORM directly.
 */
export class InsertChain {
  private readonly plans = new Map<EntityTarget<ObjectLiteral>, { table: string; columns: ColumnPlan[] }>();
  /** Statement text and name per shape (tables, row counts, gating): built and hashed once. */
  private readonly statements = new Map<string, { name: string; text: string }>();

  constructor(private readonly dataSource: DataSource) {}

  /** Answers how many rows the first part wrote. */
  async run(parts: readonly InsertPart[], options: { gated: boolean }): Promise<number> {
    const values: unknown[] = [];
    for (const part of parts) this.collect(part, values);
    const statement = this.statementFor(parts, options.gated);
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query<{ written: number }>({ name: statement.name, text: statement.text, values });
    return result.rows[0]?.written ?? 0;
  }

  /** The part's values in statement order: row by row, column by column. */
  private collect(part: InsertPart, values: unknown[]): void {
    const { columns } = this.planOf(part.entity);
    const driver = this.dataSource.driver;
    for (const row of part.rows) {
      for (const plan of columns) {
        const value: unknown = plan.column.getEntityValue(row, true);
        // A property left unset takes the column's default, as an INSERT without the column would.
        values.push(value === undefined ? defaultOf(plan.column) : driver.preparePersistentValue(value, plan.column));
      }
    }
  }

  private statementFor(parts: readonly InsertPart[], gated: boolean): { name: string; text: string } {
    const shape = `${gated}|${parts.map((part) => `${this.planOf(part.entity).table}:${part.rows.length}:${part.skipOnConflict === true}`).join('|')}`;
    let statement = this.statements.get(shape);
    if (!statement) {
      let placeholder = 0;
      const clauses = parts.map((part, index) => {
        const { table, columns } = this.planOf(part.entity);
        const tuples = part.rows.map(() => `(${columns.map((plan) => `$${++placeholder}::${plan.cast}`).join(', ')})`);
        const names = columns.map((plan) => plan.name).join(', ');
        const body =
          gated && index > 0
            ? `INSERT INTO ${table} (${names}) SELECT * FROM (VALUES ${tuples.join(', ')}) AS v WHERE EXISTS (SELECT 1 FROM p0)`
            : `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${part.skipOnConflict ? ' ON CONFLICT DO NOTHING' : ''}`;
        return `p${index} AS (${body} RETURNING 1)`;
      });
      const text = `WITH ${clauses.join(', ')} SELECT (SELECT count(*) FROM p0)::int AS written`;
      statement = { name: `chain_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
      this.statements.set(shape, statement);
    }
    return statement;
  }

  private planOf(entity: EntityTarget<ObjectLiteral>) {
    let plan = this.plans.get(entity);
    if (!plan) {
      const metadata = this.dataSource.getMetadata(entity);
      const driver = this.dataSource.driver;
      // Columns the database fills (serial ids, sequences) are left to it.
      const columns = metadata.columns
        .filter((column) => !column.isGenerated && !column.isVirtual)
        .map((column) => ({
          column,
          name: driver.escape(column.databaseName),
          cast: `${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
        }));
      plan = { table: driver.escape(metadata.tableName), columns };
      this.plans.set(entity, plan);
    }
    return plan;
  }
}

function defaultOf(column: ColumnMetadata): unknown {
  const value: unknown = column.default;
  if (value === undefined || typeof value === 'function') return null;
  return value;
}
