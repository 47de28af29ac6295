import { sql, type Kysely } from 'kysely';

/**
 * Slack's event ids become one platform-neutral record of inbound events handled: Teams
 * resends activities as Slack retries events, and both are handled once per workspace.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('slack_events').renameTo('inbound_events').execute();
  await sql`alter table inbound_events rename constraint slack_events_pkey to inbound_events_pkey`.execute(
    db,
  );
  await sql`alter index slack_events_received_idx rename to inbound_events_received_idx`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index inbound_events_received_idx rename to slack_events_received_idx`.execute(
    db,
  );
  await sql`alter table inbound_events rename constraint inbound_events_pkey to slack_events_pkey`.execute(
    db,
  );
  await db.schema.alterTable('inbound_events').renameTo('slack_events').execute();
}
