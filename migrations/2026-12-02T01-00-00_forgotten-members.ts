import { sql, type Kysely } from 'kysely';

/**
 * Forget me: a person who asked Rapport to forget them is kept only as a one-way hash of their
 * platform user id (HMAC-SHA-256 keyed by the workspace id, see
 * src/persistence/repositories/member-data/forgotten.ts), so that a directory sync does not
 * bring them back. The kudos they gave stay for the people they thanked, under a giver id that
 * is no member's: the kudos giver's foreign key goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forgotten_members')
    .addColumn('workspace_id', 'uuid', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_hash', 'text', (c) => c.notNull())
    .addColumn('forgotten_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('forgotten_members_pkey', ['workspace_id', 'user_hash'])
    .execute();
  await db.schema.alterTable('kudos').dropConstraint('kudos_giver_fkey').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // NOT VALID: kudos from forgotten givers stay as they are; new kudos are checked again.
  await sql`alter table kudos add constraint kudos_giver_fkey foreign key (workspace_id, giver_id) references members (workspace_id, user_id) not valid`.execute(
    db,
  );
  await db.schema.dropTable('forgotten_members').execute();
}
