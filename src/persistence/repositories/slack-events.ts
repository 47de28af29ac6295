import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** Records a Slack event id for a workspace; false when it was already recorded. */
export async function claimSlackEvent(
  db: Kysely<Database>,
  workspaceId: string,
  eventId: string,
): Promise<boolean> {
  const first = await db
    .insertInto('slack_events')
    .values({ workspace_id: workspaceId, event_id: eventId })
    .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return first !== undefined;
}

/** Forgets an event id, so that Slack's retry of an event whose handling failed can do it. */
export async function releaseSlackEvent(
  db: Kysely<Database>,
  workspaceId: string,
  eventId: string,
): Promise<void> {
  await db
    .deleteFrom('slack_events')
    .where('workspace_id', '=', workspaceId)
    .where('event_id', '=', eventId)
    .execute();
}
