import type { NewDelivery } from '../domain/outbound';
import { nextWorkingMoment } from '../domain/schedule';
import type { Clock, UnitOfWork } from '../ports';
import { workingHoursOf } from '../domain/member';
import type { JobOutcome } from './kudos-prompt';

const BATCH = 500;

/**
 * Queues every follow-up reminder that is due: a DM to its member, with Done, Snooze and
 * Cancel. A paused member's reminders wait for the pause to end; those of people who opted
 * out or left, or about someone who left, are cancelled.
 */
export function makeSendReminders({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return async function sendReminders(workspaceId: string): Promise<JobOutcome> {
    let queued = 0;
    let cancelled = 0;
    let postponed = 0;
    for (;;) {
      const batch = await transaction(async (repos) => {
        const now = clock.now();
        const due = await repos.reminders.claimDue(workspaceId, now, BATCH);
        const ids = [...new Set(due.flatMap((r) => [r.memberId, r.otherId]))];
        const people = new Map(
          (await repos.members.findMany(workspaceId, ids)).map((m) => [m.userId, m]),
        );
        const deliveries: NewDelivery[] = [];
        for (const r of due) {
          const me = people.get(r.memberId);
          const other = people.get(r.otherId);
          if (!me || !other || me.isDeactivated || me.optedOut || other.isDeactivated) {
            await repos.reminders.update(workspaceId, r.id, { status: 'cancelled' });
            cancelled += 1;
            continue;
          }
          if (me.pausedUntil && me.pausedUntil > now) {
            const after = nextWorkingMoment(me.pausedUntil, workingHoursOf(me));
            await repos.reminders.update(workspaceId, r.id, { dueAt: after });
            postponed += 1;
            continue;
          }
          deliveries.push({
            dedupeKey: `reminder:${r.id}:${r.version}`,
            target: { type: 'member', userId: me.userId },
            message: {
              kind: 'followup_reminder',
              reminderId: r.id,
              version: r.version,
              otherId: r.otherId,
              about: r.about,
              origin: r.origin,
              since: r.createdAt.toISOString(),
            },
            // Due is already a working moment, or a time the member chose.
            availableAt: now,
          });
          await repos.reminders.update(workspaceId, r.id, { queuedAt: now });
        }
        queued += await repos.deliveries.enqueue(workspaceId, deliveries);
        return due.length;
      });
      if (batch < BATCH) break;
    }
    return {
      queued,
      note: `${queued} reminders queued, ${postponed} postponed (paused), ${cancelled} cancelled`,
    };
  };
}

export type SendReminders = ReturnType<typeof makeSendReminders>;
