import type { Kysely } from 'kysely';
import { recipientsOf } from '../../core/domain/outbound';
import type { DeliveryQueue } from '../../core/ports';
import type { Clock } from '../../core/ports';
import type { Database } from '../schema';

/** The enqueue side of the delivery queue, inside the caller's transaction. */
export function deliveryQueue(db: Kysely<Database>, clock: Clock): DeliveryQueue {
  return {
    async enqueue(workspaceId, deliveries) {
      if (deliveries.length === 0) return 0;
      const now = clock.now();
      const rows = await db
        .insertInto('deliveries')
        .values(
          deliveries.map((d) => ({
            workspace_id: workspaceId,
            dedupe_key: d.dedupeKey,
            target: JSON.stringify(d.target),
            member_ids: recipientsOf(d.target),
            message: JSON.stringify(d.message),
            status: 'pending' as const,
            available_at: d.availableAt,
            next_attempt_at: d.availableAt,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
        .returning('id')
        .execute();
      return rows.length;
    },
  };
}
