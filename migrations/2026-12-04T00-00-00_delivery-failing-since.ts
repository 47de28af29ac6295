import type { Kysely } from 'kysely';

/**
 * When a delivery's sends began to fail (null while none has), so that a platform outage of a
 * few minutes does not use up its attempts: it is given up only after failing for a while.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('failing_since', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').dropColumn('failing_since').execute();
}
