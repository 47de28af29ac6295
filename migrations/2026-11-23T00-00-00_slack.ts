import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('uninstalled_at', 'timestamptz').execute();
  await db.schema
    .alterTable('workspace_settings')
    .addColumn('department_field_id', 'text')
    .execute();
  await db.schema
    .alterTable('members')
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    // 'member' when the person set their department with /rapport department: a directory sync
    // then only overrides it when the profile field has a value.
    .addColumn('department_source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('directory')
        .check(sql`department_source in ('directory', 'member')`),
    )
    .execute();

  await db.schema
    .createTable('slack_installations')
    // The enterprise id for org-wide installs, else the team id: what Slack's events name.
    .addColumn('install_key', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('team_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('bot_user_id', 'text')
    // The whole installation (tokens included) as AES-256-GCM ciphertext.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('bot_token_expires_at', 'timestamptz')
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('slack_events')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('slack_events_pkey', ['workspace_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('slack_events_received_idx')
    .on('slack_events')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_events').execute();
  await db.schema.dropTable('slack_installations').execute();
  await db.schema
    .alterTable('members')
    .dropColumn('department_source')
    .dropColumn('is_admin')
    .execute();
  await db.schema.alterTable('workspace_settings').dropColumn('department_field_id').execute();
  await db.schema.alterTable('workspaces').dropColumn('uninstalled_at').execute();
}
