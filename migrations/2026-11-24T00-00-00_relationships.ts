import { sql, type Kysely } from 'kysely';

/** A foreign key from (workspace_id, column) to a member. */
const memberKey = (table: string, column: string): [string, any[], string, string[]] => [
  `${table}_${column}_fkey`,
  ['workspace_id', column],
  'members',
  ['workspace_id', 'user_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('nudges_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('suggestions_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // How long a meaningful relationship may go quiet before a keep-in-touch nudge.
    .addColumn('nudge_cadence_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(42)
        .check(sql`nudge_cadence_days between 7 and 365`),
    )
    .execute();

  await db.schema
    .alterTable('workspace_settings')
    .addColumn('followup_after_met_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(21)
        .check(sql`followup_after_met_days between 0 and 180`),
    )
    .addColumn('welcome_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('welcome_delay_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`welcome_delay_days between 0 and 60`),
    )
    .execute();

  // Declared with /rapport mentor @x (x mentors me) or /rapport mentee @x (I mentor x).
  await db.schema
    .createTable('mentorships')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentorships_pkey', ['workspace_id', 'mentor_id', 'mentee_id'])
    .addCheckConstraint('mentorships_not_self', sql`mentor_id <> mentee_id`)
    .addForeignKeyConstraint(...memberKey('mentorships', 'mentor_id'), (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint(...memberKey('mentorships', 'mentee_id'), (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('other_member_id', 'text', (c) => c.notNull())
    .addColumn('about', 'text', (c) => c.check(sql`char_length(about) <= 300`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'done', 'cancelled')`),
    )
    // 'manual': /followup; 'round': a round's "we met", some weeks later.
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('manual', 'round')`))
    // The command's request id, or the round group: a replay creates nothing new.
    .addColumn('source_ref', 'text', (c) => c.notNull())
    // Each snooze starts a new reminder message: its dedupe key carries this.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued_at', 'timestamptz')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('reminders_source_key', [
      'workspace_id',
      'origin',
      'source_ref',
      'member_id',
      'other_member_id',
    ])
    .addCheckConstraint('reminders_not_self', sql`member_id <> other_member_id`)
    .addForeignKeyConstraint(...memberKey('reminders', 'member_id'), (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint(...memberKey('reminders', 'other_member_id'), (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('reminders_due_idx')
    .on('reminders')
    .columns(['workspace_id', 'due_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('reminders_member_idx')
    .on('reminders')
    .columns(['workspace_id', 'member_id', 'status'])
    .execute();

  // "Introduce us": asked of the other person first; opened only when both said yes.
  await db.schema
    .createTable('introductions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    // The two ids in order, so that one pair has one open introduction whoever asked.
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('mutual_id', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('asked', 'asking_mutual', 'opened', 'declined', 'withdrawn')`),
    )
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('suggestion', 'welcome')`))
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('mutual_joins', 'boolean')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('opened_at', 'timestamptz')
    .addUniqueConstraint('introductions_source_key', ['workspace_id', 'source_ref'])
    .addForeignKeyConstraint(...memberKey('introductions', 'requester_id'), (c) =>
      c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(...memberKey('introductions', 'target_id'), (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('introductions_open_pair_key')
    .on('introductions')
    .columns(['workspace_id', 'pair_key'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('asked', 'asking_mutual')`)
    .execute();

  // "Not now" on a suggestion: that person is not suggested again until `until`.
  await db.schema
    .createTable('suggestion_snoozes')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('other_member_id', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_snoozes_pkey', [
      'workspace_id',
      'member_id',
      'other_member_id',
    ])
    .execute();

  // A new hire's welcome, due some days after they joined; sent once.
  await db.schema
    .createTable('welcomes')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz')
    .addPrimaryKeyConstraint('welcomes_pkey', ['workspace_id', 'user_id'])
    .addForeignKeyConstraint(...memberKey('welcomes', 'user_id'), (c) => c.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'welcomes',
    'suggestion_snoozes',
    'introductions',
    'reminders',
    'mentorships',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema
    .alterTable('workspace_settings')
    .dropColumn('followup_after_met_days')
    .dropColumn('welcome_enabled')
    .dropColumn('welcome_delay_days')
    .execute();
  await db.schema
    .alterTable('members')
    .dropColumn('nudges_enabled')
    .dropColumn('suggestions_enabled')
    .dropColumn('nudge_cadence_days')
    .execute();
}
