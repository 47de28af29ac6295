import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../core/ports';
import type { Logger } from '../logger';
import type { Db } from '../persistence/database';
import type { DeliveryStatus } from '../persistence/schema';

const STATES: DeliveryStatus[] = ['pending', 'sending', 'sent', 'skipped', 'dead'];

interface Snapshot {
  byState: Array<{ status: DeliveryStatus; platform: string; n: number }>;
  due: number;
  oldestDue: Date | null;
}

/** The queue as every replica shares it, read from the database when Prometheus scrapes. */
async function read(db: Db, now: Date): Promise<Snapshot> {
  const byState = await db
    .selectFrom('deliveries as d')
    .innerJoin('workspaces as w', 'w.id', 'd.workspace_id')
    .select(['d.status', 'w.platform', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['d.status', 'w.platform'])
    .execute();
  // Due the way a worker claims: waiting for its time, or held by a replica whose lease ran out.
  const { rows } = await sql<{ due: number; oldest: Date | null }>`
    select count(*)::int as due, min(next_attempt_at) as oldest from deliveries
    where (status = 'pending' and next_attempt_at <= ${now})
       or (status = 'sending' and lease_until < ${now})
  `.execute(db);
  return {
    byState: byState.map((r) => ({ ...r, n: Number(r.n) })),
    due: Number(rows[0]?.due ?? 0),
    oldestDue: rows[0]?.oldest ? new Date(rows[0].oldest) : null,
  };
}

export function queueMetrics(registry: Registry, db: Db, clock: Clock, logger: Logger): void {
  // The gauges are collected side by side on a scrape; they share one read of the queue.
  let reading: Promise<Snapshot | null> | null = null;
  const snapshot = () => {
    const now = clock.now();
    reading ??= read(db, now)
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'metrics: could not read the delivery queue');
        return null;
      })
      .finally(() => {
        reading = null;
      });
    return reading.then((s) => s && { ...s, now });
  };

  new Gauge({
    name: 'rapport_deliveries',
    help: 'Deliveries in the queue table, by state and platform (finished ones until retention removes them)',
    labelNames: ['state', 'platform'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const s = await snapshot();
      if (!s) return;
      // Every state of a platform that has deliveries, so an empty state reads 0, not nothing.
      for (const platform of new Set(s.byState.map((r) => r.platform)))
        for (const state of STATES) this.set({ state, platform }, 0);
      for (const r of s.byState) this.set({ state: r.status, platform: r.platform }, r.n);
    },
  });
  new Gauge({
    name: 'rapport_queue_due',
    help: 'Deliveries due now: waiting for a worker, or held by a replica whose lease ran out',
    registers: [registry],
    async collect() {
      this.reset();
      const s = await snapshot();
      if (s) this.set(s.due);
    },
  });
  new Gauge({
    name: 'rapport_queue_oldest_due_age_seconds',
    help: 'How long the longest-waiting due delivery has been due (0 when none is)',
    registers: [registry],
    async collect() {
      this.reset();
      const s = await snapshot();
      if (!s) return;
      const age = s.oldestDue ? (s.now.getTime() - s.oldestDue.getTime()) / 1000 : 0;
      this.set(Math.max(0, age));
    },
  });
}
