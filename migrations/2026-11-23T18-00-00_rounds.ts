import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_channels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('every_weeks', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`every_weeks in (1, 2, 4)`),
    )
    .addColumn('weekday', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`weekday between 1 and 7`),
    )
    .addColumn('hour', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`hour between 0 and 23`),
    )
    // null: the workspace's timezone.
    .addColumn('timezone', 'text')
    .addColumn('group_size', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(2)
        .check(sql`group_size between 2 and 8`),
    )
    .addColumn('repeat_window_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(180)
        .check(sql`repeat_window_days between 0 and 730`),
    )
    // 'opt_in': people join with the button or /rapport join; 'channel': everyone in the channel.
    .addColumn('participation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('opt_in')
        .check(sql`participation in ('opt_in', 'channel')`),
    )
    .addColumn('leftover', 'text', (c) =>
      c
        .notNull()
        .defaultTo('join')
        .check(sql`leftover in ('join', 'sit_out')`),
    )
    .addColumn('checkin_after_days', 'smallint', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`checkin_after_days between 1 and 14`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('round_channels_workspace_channel_key', ['workspace_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('round_participants')
    .addColumn('round_channel_id', 'uuid', (c) =>
      c.notNull().references('round_channels.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('in', 'out')`))
    // Why someone is out when they did not say so themselves: 'quiet' after three silent rounds.
    .addColumn('out_reason', 'text')
    .addColumn('skip_next', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('quiet_rounds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('round_participants_pkey', ['round_channel_id', 'user_id'])
    .addForeignKeyConstraint(
      'round_participants_member_fkey',
      ['workspace_id', 'user_id'],
      'members',
      ['workspace_id', 'user_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_channel_id', 'uuid', (c) =>
      c.notNull().references('round_channels.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('slot', 'timestamptz', (c) => c.notNull())
    .addColumn('checkin_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('rounds_channel_slot_key', ['round_channel_id', 'slot'])
    .execute();

  await db.schema
    .createTable('round_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('met', 'not_yet', 'skip')`))
    .addColumn('met_at', 'timestamptz')
    .addUniqueConstraint('round_groups_round_position_key', ['round_id', 'position'])
    .execute();

  await db.schema
    .createTable('round_group_members')
    .addColumn('group_id', 'uuid', (c) =>
      c.notNull().references('round_groups.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.check(sql`response in ('met', 'not_yet', 'skip')`))
    .addColumn('responded_at', 'timestamptz')
    .addPrimaryKeyConstraint('round_group_members_pkey', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('round_group_members_user_idx')
    .on('round_group_members')
    .columns(['workspace_id', 'user_id'])
    .execute();

  // Everyone who was not in a group, and why: sat out (odd one out, alone) or excluded.
  await db.schema
    .createTable('round_absences')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_absences_pkey', ['round_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'round_absences',
    'round_group_members',
    'round_groups',
    'rounds',
    'round_participants',
    'round_channels',
  ])
    await db.schema.dropTable(table).execute();
}
