import type { Kysely, Selectable } from 'kysely';
import type { Reminder, ReminderRepository } from '../../core/relationship-ports';
import type { Database, RemindersTable } from '../schema';

export const toReminder = (r: Selectable<RemindersTable>): Reminder => ({
  id: r.id,
  memberId: r.member_id,
  otherId: r.other_member_id,
  about: r.about,
  dueAt: r.due_at,
  status: r.status,
  origin: r.origin,
  sourceRef: r.source_ref,
  version: r.version,
  queuedAt: r.queued_at,
  createdAt: r.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function reminderRepository(db: Kysely<Database>): ReminderRepository {
  const inWorkspace = (workspaceId: string) =>
    db.selectFrom('reminders').selectAll().where('workspace_id', '=', workspaceId);
  return {
    async createMany(workspaceId, reminders) {
      if (reminders.length === 0) return [];
      const rows = await db
        .insertInto('reminders')
        .values(
          reminders.map((r) => ({
            workspace_id: workspaceId,
            member_id: r.memberId,
            other_member_id: r.otherId,
            about: r.about,
            due_at: r.dueAt,
            status: 'pending' as const,
            origin: r.origin,
            source_ref: r.sourceRef,
            created_at: r.createdAt,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'origin', 'source_ref', 'member_id', 'other_member_id'])
            .doNothing(),
        )
        .returningAll()
        .execute();
      return rows.map(toReminder);
    },

    async findBySource(workspaceId, origin, sourceRef, memberId) {
      const row = await inWorkspace(workspaceId)
        .where('origin', '=', origin)
        .where('source_ref', '=', sourceRef)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row ? toReminder(row) : null;
    },

    async lock(workspaceId, id) {
      if (!UUID.test(id)) return null;
      const row = await inWorkspace(workspaceId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toReminder(row) : null;
    },

    async update(workspaceId, id, change) {
      await db
        .updateTable('reminders')
        .set({
          ...(change.status && { status: change.status }),
          ...(change.dueAt && { due_at: change.dueAt }),
          ...(change.version !== undefined && { version: change.version }),
          ...(change.queuedAt !== undefined && { queued_at: change.queuedAt }),
          ...(change.doneAt && { done_at: change.doneAt }),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async pendingOf(workspaceId, memberId, limit) {
      const rows = await inWorkspace(workspaceId)
        .where('member_id', '=', memberId)
        .where('status', '=', 'pending')
        // A stable order: `/followup cancel 2` must mean the second as `/followup list` showed it.
        .orderBy('due_at')
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toReminder);
    },

    async claimDue(workspaceId, now, limit) {
      const rows = await inWorkspace(workspaceId)
        .where('status', '=', 'pending')
        .where('queued_at', 'is', null)
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      return rows.map(toReminder);
    },
  };
}

/** A reminder's state now, for its message waiting in the queue. */
export async function reminderState(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<{ status: string; version: number } | null> {
  const row = await db
    .selectFrom('reminders')
    .select(['status', 'version'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}
