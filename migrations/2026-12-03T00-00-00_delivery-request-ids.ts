import type { Kysely } from 'kysely';

/**
 * The request that queued a delivery (null for jobs), so that a message that went wrong can be
 * followed back to the command or button behind it in the logs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').dropColumn('request_id').execute();
}
