import { sql, type Kysely } from 'kysely';

/**
 * Teams: where the bot may speak (a conversation reference per personal chat, team channel and
 * group chat, kept from install and from every activity), how a person is addressed (Teams
 * gives a per-bot id for sending and mentions, an Entra object id and a sign-in name for deep
 * links), and people the platform will no longer let the bot message.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams_conversations')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('personal', 'channel', 'groupChat')`),
    )
    .addColumn('service_url', 'text', (c) => c.notNull())
    // The bot's own id there (28:…), which a new personal chat is opened from.
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('name', 'text')
    // The person a personal chat is with.
    .addColumn('user_id', 'text')
    // Rapport was removed from this scope: nothing more is sent there until it is added back.
    .addColumn('removed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('teams_conversations_pkey', ['workspace_id', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('teams_conversations_personal_idx')
    .on('teams_conversations')
    .columns(['workspace_id', 'user_id'])
    .where(sql.ref('kind'), '=', 'personal')
    .execute();

  await db.schema
    .createTable('teams_users')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    // The Entra object id: the member's user_id.
    .addColumn('user_id', 'text', (c) => c.notNull())
    // The bot's id for them (29:…): what mentions carry and a 1:1 chat is opened with.
    .addColumn('teams_id', 'text', (c) => c.notNull())
    .addColumn('upn', 'text')
    .addColumn('email', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('teams_users_pkey', ['workspace_id', 'user_id'])
    .addUniqueConstraint('teams_users_teams_id_key', ['workspace_id', 'teams_id'])
    .execute();

  // The platform refused to deliver to them (they blocked or removed the app): not retried,
  // and not sent to again until they speak to the bot.
  await db.schema.alterTable('members').addColumn('unreachable_since', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('unreachable_since').execute();
  await db.schema.dropTable('teams_users').execute();
  await db.schema.dropTable('teams_conversations').execute();
}
