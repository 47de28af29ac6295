import type { Kysely } from 'kysely';

/** Insights merge departments smaller than this, so no one can be singled out in a figure. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspace_settings')
    .addColumn('insights_min_department_size', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspace_settings')
    .dropColumn('insights_min_department_size')
    .execute();
}
