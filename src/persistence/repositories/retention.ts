import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** What is deleted, by age: the retention job's rules, each a cut-off before which rows go. */
export interface RetentionCutoffs {
  uninstalledBefore: Date;
  eventsBefore: Date;
  finishedDeliveriesBefore: Date;
  deadDeliveriesBefore: Date;
  jobRunsBefore: Date;
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
    return {
      workspaces: n(workspaces),
      events: n(events),
      deliveries: n(finished) + n(dead),
      jobRuns: n(runs),
    };
  });
}
