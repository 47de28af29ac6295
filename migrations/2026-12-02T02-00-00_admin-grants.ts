import type { Kysely } from 'kysely';

/**
 * Admins an admin named in Rapport (`/rapport admin add @x`), beside the platform's own
 * (Slack's workspace admins and owners): kept apart, so that a directory sync, which sets the
 * platform's, never undoes a grant, and a grant can be taken back without touching the other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('admin_granted', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('admin_granted').execute();
}
