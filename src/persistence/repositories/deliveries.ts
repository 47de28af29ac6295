import type { Kysely } from 'kysely';
import { recipientsOf } from '../../core/domain/outbound';
import type { DeliveryTarget, OutboundMessage } from '../../core/domain/outbound';
import type { Clock, DeliveryLog, DeliveryQueue, DeliveryState } from '../../core/ports';
import { currentRequestId } from '../../request-context';
import type { Database } from '../schema';

/** The enqueue side of the delivery queue, inside the caller's transaction. */
export function deliveryQueue(db: Kysely<Database>, clock: Clock): DeliveryQueue {
  return {
    async enqueue(workspaceId, deliveries) {
      const now = clock.now();
      const requestId = currentRequestId() ?? null;
      let added = 0;
      // Postgres takes at most 65,535 parameters a statement: a big round goes in batches.
      for (let start = 0; start < deliveries.length; start += 1000) {
        const rows = await db
          .insertInto('deliveries')
          .values(
            deliveries.slice(start, start + 1000).map((d) => ({
              workspace_id: workspaceId,
              dedupe_key: d.dedupeKey,
              target: JSON.stringify(d.target),
              member_ids: recipientsOf(d.target),
              message: JSON.stringify(d.message),
              status: 'pending' as const,
              available_at: d.availableAt,
              next_attempt_at: d.availableAt,
              created_at: now,
              request_id: requestId,
            })),
          )
          .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
          .returning('id')
          .execute();
        added += rows.length;
      }
      return added;
    },
  };
}

export function deliveryLog(db: Kysely<Database>): DeliveryLog {
  return {
    async nextDue(workspaceId) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.at ?? null;
    },
    async byKeys(workspaceId, keys) {
      if (keys.length === 0) return new Map();
      const rows = await db
        .selectFrom('deliveries')
        .select(['dedupe_key', 'status', 'last_error', 'member_ids'])
        .where('workspace_id', '=', workspaceId)
        .where('dedupe_key', 'in', keys)
        .execute();
      return new Map(
        rows.map((r) => [
          r.dedupe_key,
          {
            status: r.status,
            reason: r.status === 'sent' ? null : r.last_error,
            recipients: r.member_ids,
          },
        ]),
      );
    },
    async report(workspaceId, since, limit) {
      const counted = await db
        .selectFrom('deliveries')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('created_at', '>=', since)
        .groupBy('status')
        .execute();
      const counts: Record<DeliveryState, number> = {
        pending: 0,
        sending: 0,
        sent: 0,
        skipped: 0,
        dead: 0,
      };
      for (const c of counted) counts[c.status] = Number(c.n);
      const dead = await db
        .selectFrom('deliveries')
        .select(['finished_at', 'target', 'message', 'last_error'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'dead')
        .where('finished_at', '>=', since)
        .orderBy('finished_at', 'desc')
        .limit(limit)
        .execute();
      return {
        since,
        counts,
        failures: dead.map((d) => ({
          at: d.finished_at!,
          target: d.target as DeliveryTarget,
          kind: (d.message as OutboundMessage).kind,
          reason: d.last_error ?? 'unknown',
        })),
      };
    },
  };
}

/** How many deliveries queued since `since` stand in each state: the job command's summary. */
export async function deliveryCountsSince(db: Kysely<Database>, since: Date) {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', since)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}
