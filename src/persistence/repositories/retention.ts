import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** What is deleted, by age: the retention job's rules, each a cut-off before which rows go. */
export interface RetentionCutoffs {
  uninstalledBefore: Date;
  eventsBefore: Date;
  finishedDeliveriesBefore: Date;
  deadDeliveriesBefore: Date;
  jobRunsBefore: Date;
  /** Links to files that have expired. */
  fileLinksBefore: Date;
}

/** Deletes everything past its cut-off in one transaction; returns how many of each went. */
export function purgeExpired(db: Kysely<Database>, c: RetentionCutoffs) {
  return db.transaction().execute(async (trx) => {
    const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    const workspaces = await trx
      .deleteFrom('workspaces')
      .where('uninstalled_at', '<', c.uninstalledBefore)
      .executeTakeFirst();
    const events = await trx
      .deleteFrom('inbound_events')
      .where('received_at', '<', c.eventsBefore)
      .executeTakeFirst();
    const finished = await trx
      .deleteFrom('deliveries')
      .where('status', 'in', ['sent', 'skipped'])
      .where('finished_at', '<', c.finishedDeliveriesBefore)
      .executeTakeFirst();
    const dead = await trx
      .deleteFrom('deliveries')
      .where('status', '=', 'dead')
      .where('finished_at', '<', c.deadDeliveriesBefore)
      .executeTakeFirst();
    const runs = await trx
      .deleteFrom('job_runs')
      .where('status', '!=', 'running')
      .where('slot', '<', c.jobRunsBefore)
      .executeTakeFirst();
    const files = await trx
      .deleteFrom('file_links')
      .where('expires_at', '<', c.fileLinksBefore)
      .executeTakeFirst();
    return {
      files: n(files),
      workspaces: n(workspaces),
      events: n(events),
      deliveries: n(finished) + n(dead),
      jobRuns: n(runs),
    };
  });
}

/**
 * Who met whom, and rounds' history, past each workspace's own window (its admins' setting, or
 * `defaultDays`): deleted for good. A round takes its groups, their members and its absences
 * with it.
 */
export function purgeHistory(db: Kysely<Database>, now: Date, defaultDays: number) {
  return db.transaction().execute(async (trx) => {
    const cutoff = (alias: string) =>
      sql<Date>`${now}::timestamptz - make_interval(days => coalesce((
        select s.history_days from workspace_settings s where s.workspace_id = ${sql.ref(alias)}
      ), ${defaultDays}))`;
    // No row is due before the shortest window's cut-off: a bound the time index can read
    // from, instead of every row's own cut-off, which no index can.
    const earliest = sql<Date>`${now}::timestamptz - make_interval(days => least(${defaultDays}, (
        select min(s.history_days) from workspace_settings s
      )))`;
    const interactions = await trx
      .deleteFrom('interactions as i')
      .where('i.occurred_at', '<', earliest)
      .where('i.occurred_at', '<', cutoff('i.workspace_id'))
      .executeTakeFirst();
    const rounds = await trx
      .deleteFrom('rounds as r')
      .where('r.slot', '<', earliest)
      .where('r.slot', '<', cutoff('r.workspace_id'))
      .executeTakeFirst();
    return {
      interactions: Number(interactions.numDeletedRows),
      rounds: Number(rounds.numDeletedRows),
    };
  });
}
