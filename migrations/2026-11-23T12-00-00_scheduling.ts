import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspace_settings')
    .addColumn('kudos_prompt_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // ISO weekdays: 1 is Monday, 7 is Sunday.
    .addColumn('kudos_prompt_day', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`kudos_prompt_day between 1 and 7`),
    )
    .addColumn('kudos_prompt_hour', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(15)
        .check(sql`kudos_prompt_hour between 0 and 23`),
    )
    .addColumn('kudos_digest_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('kudos_digest_day', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`kudos_digest_day between 1 and 7`),
    )
    .addColumn('kudos_digest_hour', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(9)
        .check(sql`kudos_digest_hour between 0 and 23`),
    )
    .execute();
  // No timezone until an admin picks one: schedules then follow where most members are.
  await sql`alter table workspace_settings alter column timezone drop not null`.execute(db);
  await sql`alter table workspace_settings alter column timezone drop default`.execute(db);
  await sql`update workspace_settings set timezone = null where timezone = 'UTC'`.execute(db);

  await db.schema
    .alterTable('members')
    // Minutes after local midnight, in the member's own timezone.
    .addColumn('work_start_minute', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(9 * 60)
        .check(sql`work_start_minute between 0 and 1439`),
    )
    .addColumn('work_end_minute', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(17 * 60)
        .check(sql`work_end_minute between 1 and 1440`),
    )
    .addColumn('work_days', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    // The workspace id, or 'global' for jobs that run once for everyone.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('slot', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('job_runs_pkey', ['job', 'scope', 'slot'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('target', 'jsonb', (c) => c.notNull())
    // Members whose state is checked again just before sending.
    .addColumn('member_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'skipped', 'dead')`),
    )
    .addColumn('available_at', 'timestamptz', (c) => c.notNull())
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'timestamptz')
    // Set while a send is in flight, and kept when its outcome is unknown (a crash, a timeout):
    // such a delivery is looked for on the platform before it is sent again.
    .addColumn('attempt_started_at', 'timestamptz')
    .addColumn('uncertain', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('conversation_id', 'text')
    .addColumn('platform_ref', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('deliveries_workspace_dedupe_key', ['workspace_id', 'dedupe_key'])
    .execute();
  await sql`create index deliveries_due_idx on deliveries (next_attempt_at) where status in ('pending', 'sending')`.execute(
    db,
  );
  await db.schema
    .createIndex('deliveries_workspace_status_idx')
    .on('deliveries')
    .columns(['workspace_id', 'status', 'finished_at'])
    .execute();

  // Shared pacing across replicas: the next free moment per workspace and bucket.
  await db.schema
    .createTable('delivery_pacing')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('next_free_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_pacing_pkey', ['workspace_id', 'bucket'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_pacing').execute();
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('job_runs').execute();
  await db.schema
    .alterTable('members')
    .dropColumn('work_days')
    .dropColumn('work_end_minute')
    .dropColumn('work_start_minute')
    .execute();
  await sql`update workspace_settings set timezone = 'UTC' where timezone is null`.execute(db);
  await sql`alter table workspace_settings alter column timezone set default 'UTC'`.execute(db);
  await sql`alter table workspace_settings alter column timezone set not null`.execute(db);
  await db.schema
    .alterTable('workspace_settings')
    .dropColumn('kudos_digest_hour')
    .dropColumn('kudos_digest_day')
    .dropColumn('kudos_digest_enabled')
    .dropColumn('kudos_prompt_hour')
    .dropColumn('kudos_prompt_day')
    .dropColumn('kudos_prompt_enabled')
    .execute();
}
