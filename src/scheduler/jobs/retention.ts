import { latestDailySlot } from '../../core/domain/schedule';
import { GLOBAL, type JobDefinition } from '../job';

const DAY = 24 * 60 * 60 * 1000;

/** How long things are kept: published in the README. */
export const RETENTION = {
  /** A workspace's data after it uninstalled Rapport. */
  uninstalledWorkspaceDays: 30,
  /** Event ids kept to drop Slack's retries (which stop after minutes). */
  eventIdDays: 7,
  /** Sent and skipped deliveries, and finished job runs. */
  finishedDeliveryDays: 30,
  /** Deliveries that failed for good, so admins can see them. */
  deadDeliveryDays: 90,
};

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Once a day: forgets what is no longer needed, and purges workspaces gone for 30 days. */
export const retentionJob: JobDefinition = {
  name: 'retention',
  description: 'deletes old records and the data of workspaces uninstalled 30 days ago',
  catchUpMs: 20 * 60 * 60 * 1000,
  async firings(now) {
    return [{ scope: GLOBAL, slot: latestDailySlot(now, 3, 'UTC') }];
  },
  async run(_firing, { db, clock }) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const workspaces = await trx
        .deleteFrom('workspaces')
        .where('uninstalled_at', '<', ago(now, RETENTION.uninstalledWorkspaceDays))
        .executeTakeFirst();
      const events = await trx
        .deleteFrom('inbound_events')
        .where('received_at', '<', ago(now, RETENTION.eventIdDays))
        .executeTakeFirst();
      const finished = await trx
        .deleteFrom('deliveries')
        .where('status', 'in', ['sent', 'skipped'])
        .where('finished_at', '<', ago(now, RETENTION.finishedDeliveryDays))
        .executeTakeFirst();
      const dead = await trx
        .deleteFrom('deliveries')
        .where('status', '=', 'dead')
        .where('finished_at', '<', ago(now, RETENTION.deadDeliveryDays))
        .executeTakeFirst();
      const runs = await trx
        .deleteFrom('job_runs')
        .where('status', '!=', 'running')
        .where('slot', '<', ago(now, RETENTION.finishedDeliveryDays))
        .executeTakeFirst();
      const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
      return {
        queued: 0,
        note:
          `purged ${n(workspaces)} workspaces, ${n(events)} event ids, ` +
          `${n(finished) + n(dead)} deliveries, ${n(runs)} job runs`,
      };
    });
  },
};
