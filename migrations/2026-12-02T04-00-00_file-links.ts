import { sql, type Kysely } from 'kysely';

/**
 * Files Rapport hands someone on a platform that takes a link rather than an upload (Teams): a
 * member's export, an admin's chart. Each is fetched at an unguessable address (only its hash is
 * kept) and deleted once it expires.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('file_links_expires_idx')
    .on('file_links')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_links').execute();
}
