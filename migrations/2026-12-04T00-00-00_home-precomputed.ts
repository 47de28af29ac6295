import { sql, type Kysely } from 'kysely';

/**
 * What the Home view shows without working it out on every open: each member's people to
 * meet (worked out for the whole workspace in one pass, a few spare, checked again when read)
 * and the admin's insights headline (numbers only, no names).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_suggestions')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'text', (c) => c.notNull())
    // In order, best first; mutual_ids[k] is null when suggested_ids[k] has nobody in common.
    .addColumn('suggested_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('mutual_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('mutual_counts', sql`integer[]`, (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_suggestions_pkey', ['workspace_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('insights_headlines')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('weeks', 'integer', (c) => c.notNull())
    .addColumn('figures', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_headlines_pkey', ['workspace_id', 'weeks'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insights_headlines').execute();
  await db.schema.dropTable('member_suggestions').execute();
}
