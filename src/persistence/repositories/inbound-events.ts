import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * Inbound events handled, by the platform's id (Slack's event_id, a Teams activity id):
 * a retry or a second delivery of the same event finds its id here and is dropped.
 */
export function inboundEvents(db: Kysely<Database>) {
  return {
    /** True the first time an event is seen in a workspace, false for every copy after. */
    async first(workspaceId: string, eventId: string): Promise<boolean> {
      const row = await db
        .insertInto('inbound_events')
        .values({ workspace_id: workspaceId, event_id: eventId })
        .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Handling failed: forget the event, so that the platform's retry can do the work. */
    async forget(workspaceId: string, eventId: string): Promise<void> {
      await db
        .deleteFrom('inbound_events')
        .where('workspace_id', '=', workspaceId)
        .where('event_id', '=', eventId)
        .execute();
    },
  };
}

export type InboundEvents = ReturnType<typeof inboundEvents>;
