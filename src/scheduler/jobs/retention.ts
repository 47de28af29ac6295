import { DEFAULT_HISTORY_DAYS } from '../../core/domain/settings';
import { purgeExpired, purgeHistory } from '../../persistence/repositories/retention';
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
  /** Who met whom and rounds' history: each workspace's own setting (90 days to 10 years). */
  historyDays: DEFAULT_HISTORY_DAYS,
};

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Once a day: forgets what is no longer needed, and purges workspaces gone for 30 days. */
export const retentionJob: JobDefinition = {
  name: 'retention',
  description:
    "deletes old records, history past each workspace's window, and the data of workspaces uninstalled 30 days ago",
  catchUpMs: 20 * 60 * 60 * 1000,
  async firings(now) {
    return [{ scope: GLOBAL, slot: latestDailySlot(now, 3, 'UTC') }];
  },
  async run(_firing, { db, clock }) {
    const now = clock.now();
    const purged = await purgeExpired(db, {
      uninstalledBefore: ago(now, RETENTION.uninstalledWorkspaceDays),
      eventsBefore: ago(now, RETENTION.eventIdDays),
      finishedDeliveriesBefore: ago(now, RETENTION.finishedDeliveryDays),
      deadDeliveriesBefore: ago(now, RETENTION.deadDeliveryDays),
      jobRunsBefore: ago(now, RETENTION.finishedDeliveryDays),
      fileLinksBefore: now,
    });
    const history = await purgeHistory(db, now, RETENTION.historyDays);
    return {
      queued: 0,
      note:
        `purged ${purged.workspaces} workspaces, ${purged.events} event ids, ` +
        `${purged.deliveries} deliveries, ${purged.jobRuns} job runs, ` +
        `${history.interactions} interactions, ${history.rounds} rounds, ${purged.files} file links`,
    };
  },
};
