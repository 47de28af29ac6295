import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) =>
      c.notNull().check(sql`platform in ('slack', 'teams', 'local')`),
    )
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('workspaces_platform_external_id_key', ['platform', 'external_id'])
    .execute();

  await db.schema
    .createTable('workspace_settings')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.primaryKey().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('kudos_channel_id', 'text')
    .addColumn('kudos_values', sql`text[]`, (c) => c.notNull())
    .addColumn('daily_kudos_limit', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`daily_kudos_limit between 1 and 100`),
    )
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index departments_workspace_name_key on departments (workspace_id, lower(name))`.execute(
    db,
  );
  // Lets members reference a department together with its workspace, so a member can never
  // point at another workspace's department.
  await sql`alter table departments add constraint departments_workspace_id_id_key unique (workspace_id, id)`.execute(
    db,
  );

  await db.schema
    .createTable('members')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid')
    .addColumn('title', 'text')
    .addColumn('manager_id', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('external_org', 'text')
    .addColumn('is_bot', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_deactivated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opted_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('paused_until', 'timestamptz')
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('members_pkey', ['workspace_id', 'user_id'])
    .addForeignKeyConstraint(
      'members_department_fkey',
      ['workspace_id', 'department_id'],
      'departments',
      ['workspace_id', 'id'],
    )
    .addForeignKeyConstraint(
      'members_manager_fkey',
      ['workspace_id', 'manager_id'],
      'members',
      ['workspace_id', 'user_id'],
      (c) => c.deferrable().initiallyDeferred(),
    )
    .execute();

  await db.schema
    .createTable('kudos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('giver_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) =>
      c.notNull().check(sql`char_length(message) between 1 and 1000`),
    )
    .addColumn('values', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('channel_id', 'text')
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('kudos_workspace_source_key_key', ['workspace_id', 'source_key'])
    .addForeignKeyConstraint('kudos_giver_fkey', ['workspace_id', 'giver_id'], 'members', [
      'workspace_id',
      'user_id',
    ])
    .execute();
  await db.schema
    .createIndex('kudos_giver_created_idx')
    .on('kudos')
    .columns(['workspace_id', 'giver_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('kudos_recipients')
    .addColumn('kudos_id', 'uuid', (c) => c.notNull().references('kudos.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kudos_recipients_pkey', ['kudos_id', 'recipient_id'])
    .addForeignKeyConstraint(
      'kudos_recipients_member_fkey',
      ['workspace_id', 'recipient_id'],
      'members',
      ['workspace_id', 'user_id'],
    )
    .execute();
  await db.schema
    .createIndex('kudos_recipients_recipient_idx')
    .on('kudos_recipients')
    .columns(['workspace_id', 'recipient_id'])
    .execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('other_member_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('cross_department', 'peer', 'manager_report', 'external')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('interactions_not_self', sql`member_id <> other_member_id`)
    .addUniqueConstraint('interactions_source_key', [
      'workspace_id',
      'source',
      'source_ref',
      'member_id',
      'other_member_id',
    ])
    .addForeignKeyConstraint('interactions_member_fkey', ['workspace_id', 'member_id'], 'members', [
      'workspace_id',
      'user_id',
    ])
    .addForeignKeyConstraint(
      'interactions_other_fkey',
      ['workspace_id', 'other_member_id'],
      'members',
      ['workspace_id', 'user_id'],
    )
    .execute();
  await db.schema
    .createIndex('interactions_member_idx')
    .on('interactions')
    .columns(['workspace_id', 'member_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('interactions_other_idx')
    .on('interactions')
    .columns(['workspace_id', 'other_member_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'interactions',
    'kudos_recipients',
    'kudos',
    'members',
    'departments',
    'workspace_settings',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
