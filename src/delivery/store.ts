import { sql, type Kysely } from 'kysely';
import type { Platform } from '../core/domain/member';
import { recipientsOf, type DeliveryTarget, type OutboundMessage } from '../core/domain/outbound';
import type { Database } from '../persistence/schema';
import { deliveryQueue } from '../persistence/repositories/deliveries';
import type { ClaimedDelivery, PacingBucket } from './types';

type Db = Kysely<Database>;

interface ClaimedRow {
  id: string;
  workspace_id: string;
  platform: Platform;
  external_id: string;
  dedupe_key: string;
  target: DeliveryTarget;
  message: OutboundMessage;
  member_ids: string[];
  attempts: number;
  uncertain: boolean;
  attempt_started_at: Date | null;
  conversation_id: string | null;
  request_id: string | null;
  failing_since: Date | null;
}

/**
 * Claims up to `limit` deliveries that are due, or whose holder's lease ran out (the process
 * died). SKIP LOCKED lets workers on every replica claim side by side without waiting on each
 * other or taking the same row.
 */
export async function claimDue(
  db: Db,
  worker: string,
  now: Date,
  leaseMs: number,
  limit: number,
  /** Only these platforms' deliveries: a process sends for the platforms it is connected to. */
  platforms: readonly string[],
): Promise<ClaimedDelivery[]> {
  if (platforms.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<ClaimedRow>`
    with due as (
      select d.id from deliveries d
      join workspaces w on w.id = d.workspace_id
      where ((d.status = 'pending' and d.next_attempt_at <= ${now})
         or (d.status = 'sending' and d.lease_until < ${now}))
        and w.platform in (${sql.join(platforms)})
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update deliveries d
    set status = 'sending', claimed_by = ${worker}, lease_until = ${leaseUntil}
    from due, workspaces w
    where d.id = due.id and w.id = d.workspace_id
    returning d.id, d.workspace_id, w.platform, w.external_id, d.dedupe_key, d.target, d.message,
      d.member_ids, d.attempts, d.uncertain, d.attempt_started_at, d.conversation_id,
      d.request_id, d.failing_since
  `.execute(db);
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    platform: r.platform,
    externalId: r.external_id,
    dedupeKey: r.dedupe_key,
    target: r.target,
    message: r.message,
    memberIds: r.member_ids,
    attempts: r.attempts,
    uncertain: r.uncertain,
    attemptStartedAt: r.attempt_started_at,
    conversationId: r.conversation_id,
    requestId: r.request_id,
    failingSince: r.failing_since,
  }));
}

const mine = (db: Db, id: string, worker: string) =>
  db
    .updateTable('deliveries')
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'sending');

/**
 * Records that a platform call is about to be made. Committed before the call, so that if the
 * process dies during it, whoever takes the delivery over knows to look before sending again.
 * False when the lease was lost to another worker.
 */
export async function markInFlight(
  db: Db,
  id: string,
  worker: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await mine(db, id, worker)
    .set((eb) => ({
      uncertain: true,
      attempt_started_at: now,
      attempts: eb('attempts', '+', 1),
      lease_until: new Date(now.getTime() + leaseMs),
    }))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markSent(
  db: Db,
  id: string,
  worker: string,
  now: Date,
  ref: string,
  conversationId: string | null,
): Promise<void> {
  await mine(db, id, worker)
    .set({
      status: 'sent',
      uncertain: false,
      platform_ref: ref,
      conversation_id: conversationId,
      finished_at: now,
      lease_until: null,
    })
    .execute();
}

/** A note to one person about a delivery given up (a giver's celebration not posted). */
export async function enqueueNotice(
  db: Db,
  workspaceId: string,
  dedupeKey: string,
  userId: string,
  message: OutboundMessage,
  now: Date,
): Promise<void> {
  await deliveryQueue(db, { now: () => now }).enqueue(workspaceId, [
    { dedupeKey, target: { type: 'member', userId }, message, availableAt: now },
  ]);
}

/** Ends a delivery without sending: skipped (nobody to send to) or dead (gave up). */
export async function finish(
  db: Db,
  id: string,
  worker: string,
  now: Date,
  status: 'skipped' | 'dead',
  reason: string,
): Promise<void> {
  await mine(db, id, worker)
    .set({ status, last_error: reason.slice(0, 500), finished_at: now, lease_until: null })
    .execute();
}

/** Puts a delivery back in the queue for `at`, remembering whether its last send is uncertain. */
export async function release(
  db: Db,
  id: string,
  worker: string,
  at: Date,
  change: {
    uncertain?: boolean;
    error?: string;
    conversationId?: string | null;
    failingSince?: Date;
  } = {},
): Promise<void> {
  await mine(db, id, worker)
    .set({
      status: 'pending',
      next_attempt_at: at,
      lease_until: null,
      claimed_by: null,
      ...(change.uncertain !== undefined && { uncertain: change.uncertain }),
      ...(change.error !== undefined && { last_error: change.error.slice(0, 500) }),
      ...(change.conversationId ? { conversation_id: change.conversationId } : {}),
      ...(change.failingSince && { failing_since: change.failingSince }),
    })
    .execute();
}

const PAUSE = 'pause';

/** Until when the workspace must not be called at all (a 429's Retry-After); null if free. */
export async function pausedUntil(db: Db, workspaceId: string, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('delivery_pacing')
    .select('next_free_at')
    .where('workspace_id', '=', workspaceId)
    .where('bucket', '=', PAUSE)
    .executeTakeFirst();
  return row && row.next_free_at > now ? row.next_free_at : null;
}

export async function pauseWorkspace(db: Db, workspaceId: string, until: Date): Promise<void> {
  await sql`
    insert into delivery_pacing (workspace_id, bucket, next_free_at)
    values (${workspaceId}, ${PAUSE}, ${until})
    on conflict (workspace_id, bucket)
    do update set next_free_at = greatest(delivery_pacing.next_free_at, excluded.next_free_at)
  `.execute(db);
}

/**
 * Reserves the next free moment in each of the delivery's buckets, shared by every replica:
 * each bucket's row moves on by its interval, so two workers never get the same moment.
 * Returns when this delivery may be sent.
 */
export async function reserve(
  db: Db,
  workspaceId: string,
  buckets: PacingBucket[],
  notBefore: Date,
): Promise<Date> {
  let at = notBefore;
  for (const { bucket, intervalMs } of buckets) {
    const interval = `${Math.max(0, Math.round(intervalMs))} milliseconds`;
    const { rows } = await sql<{ slot: Date }>`
      insert into delivery_pacing (workspace_id, bucket, next_free_at)
      values (${workspaceId}, ${bucket}, ${at}::timestamptz + ${interval}::interval)
      on conflict (workspace_id, bucket)
      do update set next_free_at =
        greatest(delivery_pacing.next_free_at, ${at}::timestamptz) + ${interval}::interval
      returning next_free_at - ${interval}::interval as slot
    `.execute(db);
    at = new Date(rows[0]!.slot);
  }
  return at;
}

/** Who among a delivery's recipients can no longer be sent to, and why. */
export async function recipientProblems(
  db: Db,
  workspaceId: string,
  memberIds: string[],
  now: Date,
): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  if (memberIds.length === 0) return problems;
  const rows = await db
    .selectFrom('members')
    .select([
      'user_id',
      'is_bot',
      'is_deactivated',
      'opted_out',
      'paused_until',
      'unreachable_since',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', memberIds)
    .execute();
  for (const id of memberIds) {
    const m = rows.find((r) => r.user_id === id);
    const problem = !m
      ? `${id} is no longer in the directory`
      : m.is_deactivated
        ? `${id} is deactivated`
        : m.is_bot
          ? `${id} is a bot`
          : m.opted_out
            ? `${id} opted out`
            : m.unreachable_since
              ? `${id} cannot be messaged (they blocked or removed the app)`
              : m.paused_until && m.paused_until > now
                ? `${id} is paused`
                : null;
    if (problem) problems.set(id, problem);
  }
  return problems;
}

/**
 * Sends a group delivery to fewer people from now on: its target, message and recipients
 * change, and the conversation (another group DM) is found again at the next send.
 */
export async function narrow(
  db: Db,
  id: string,
  worker: string,
  change: { target: DeliveryTarget; message: OutboundMessage; note: string },
): Promise<void> {
  await mine(db, id, worker)
    .set({
      target: JSON.stringify(change.target),
      member_ids: recipientsOf(change.target),
      message: JSON.stringify(change.message),
      conversation_id: null,
      last_error: change.note.slice(0, 500),
    })
    .execute();
}

export async function workspaceStopped(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('workspaces')
    .select('uninstalled_at')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return !row || row.uninstalled_at !== null;
}

/** The platform refused these people for good (blocked, removed the app): stop sending. */
export async function markUnreachable(
  db: Db,
  workspaceId: string,
  userIds: string[],
  at: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('members')
    .set({ unreachable_since: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .where('unreachable_since', 'is', null)
    .execute();
}
