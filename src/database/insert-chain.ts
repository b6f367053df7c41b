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
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /** Answers how many rows the first part wrote. */
  async run(parts: readonly InsertPart[], options: { gated: boolean }): Promise<number> {
    const values: unknown[] = [];
    const clauses = parts.map((part, index) => this.clause(part, index, options.gated && index > 0, values));
    const text = `WITH ${clauses.join(', ')} SELECT (SELECT count(*) FROM p0)::int AS written`;
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query<{ written: number }>({ name: this.nameOf(text), text, values });
    return result.rows[0]?.written ?? 0;
  }

  private clause(part: InsertPart, index: number, gated: boolean, values: unknown[]): string {
    const { table, columns } = this.planOf(part.entity);
    const driver = this.dataSource.driver;
    const tuples = part.rows.map((row) => {
      const placeholders = columns.map((plan) => {
        const value: unknown = plan.column.getEntityValue(row, true);
        // A property left unset takes the column's default, as an INSERT without the column would.
        values.push(value === undefined ? defaultOf(plan.column) : driver.preparePersistentValue(value, plan.column));
        return `$${values.length}::${plan.cast}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const names = columns.map((plan) => plan.name).join(', ');
    const body = gated
      ? `INSERT INTO ${table} (${names}) SELECT * FROM (VALUES ${tuples.join(', ')}) AS v WHERE EXISTS (SELECT 1 FROM p0)`
      : `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${part.skipOnConflict ? ' ON CONFLICT DO NOTHING' : ''}`;
    return `p${index} AS (${body} RETURNING 1)`;
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

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = `chain_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

function defaultOf(column: ColumnMetadata): unknown {
  const value: unknown = column.default;
  if (value === undefined || typeof value === 'function') return null;
  return value;
}
