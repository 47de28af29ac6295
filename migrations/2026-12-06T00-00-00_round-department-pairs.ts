import type { Kysely } from 'kysely';

/**
 * How many department pairs a round brought together, and the most it could have. Nullable:
 * rounds recorded before this have no figures, and the previous release inserts without them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rounds')
    .addColumn('department_pairs', 'integer')
    .addColumn('department_pairs_bound', 'integer')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rounds')
    .dropColumn('department_pairs')
    .dropColumn('department_pairs_bound')
    .execute();
}
