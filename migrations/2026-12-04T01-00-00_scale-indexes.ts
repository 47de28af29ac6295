import type { Kysely } from 'kysely';

/**
 * Indexes the queries need once a deployment holds many workspaces and years of history (see
 * test/persistence/query-plans.test.ts and `npm run bench:scale`): without them each of these
 * reads a whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A workspace's rounds in a period: insights, the round history the engine avoids repeating.
  await db.schema
    .createIndex('rounds_workspace_slot_idx')
    .on('rounds')
    .columns(['workspace_id', 'slot'])
    .execute();
  // A workspace's kudos in a period: the weekly digest, insights (the existing index leads with
  // the giver, so these read every kudos the workspace ever had).
  await db.schema
    .createIndex('kudos_workspace_created_idx')
    .on('kudos')
    .columns(['workspace_id', 'created_at'])
    .execute();
  // The retention job's oldest rows, across workspaces.
  await db.schema
    .createIndex('interactions_occurred_idx')
    .on('interactions')
    .column('occurred_at')
    .execute();
  await db.schema.createIndex('rounds_slot_idx').on('rounds').column('slot').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rounds_slot_idx').execute();
  await db.schema.dropIndex('interactions_occurred_idx').execute();
  await db.schema.dropIndex('kudos_workspace_created_idx').execute();
  await db.schema.dropIndex('rounds_workspace_slot_idx').execute();
}
