import type { Kysely } from 'kysely';

/** How long a workspace keeps who met whom (interactions) and its rounds' history. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspace_settings')
    .addColumn('history_days', 'integer', (c) => c.notNull().defaultTo(730))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace_settings').dropColumn('history_days').execute();
}
