/**
 * What the soak reads of the Rapport process from outside it, once a minute: its resident
 * memory and open file descriptors from /proc, its database connections from Postgres's
 * pg_stat_activity, and what its own /metrics says of the heap, handles and event loop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

export interface Sample {
  /** Minutes since the load started (negative: before it). */
  minute: number;
  rssMb: number;
  fds: number;
  /** Postgres connections of the process's database; null on the embedded database. */
  dbConnections: number | null;
  /** From /metrics: the V8 heap in use, handles the event loop holds, its lag (p99). */
  heapUsedMb: number | null;
  activeHandles: number | null;
  eventLoopLagP99Ms: number | null;
  poolTotal: number | null;
  /** Deliveries a worker could claim now. */
  queueDue: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** VmRSS from /proc/<pid>/status, in MB. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return mb(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024);
}

export const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** One value of a Prometheus text exposition, by name and (optionally) a label. */
export function metric(text: string, name: string, label?: string): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!(rest.startsWith(' ') || (rest.startsWith('{') && (!label || rest.includes(label)))))
      continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

export async function sample(
  minute: number,
  pid: number,
  server: { url: string; metricsToken: string },
  postgres: { admin: pg.Client; database: string } | null,
): Promise<Sample> {
  const rss = rssMb(pid);
  const fds = openFds(pid);
  const dbConnections = postgres
    ? Number(
        (
          await postgres.admin.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity
              where datname = $1 and application_name = 'rapport'`,
            [postgres.database],
          )
        ).rows[0]!.n,
      )
    : null;
  const text = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${server.metricsToken}` },
  }).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  const heap = metric(text, 'nodejs_heap_size_used_bytes');
  const lag = metric(text, 'nodejs_eventloop_lag_p99_seconds');
  return {
    minute,
    rssMb: rss,
    fds,
    dbConnections,
    heapUsedMb: heap === null ? null : mb(heap),
    activeHandles: metric(text, 'nodejs_active_handles_total'),
    eventLoopLagP99Ms: lag === null ? null : Math.round(lag * 10_000) / 10,
    poolTotal: metric(text, 'rapport_db_pool_connections', 'state="total"'),
    queueDue: metric(text, 'rapport_queue_due'),
  };
}

/** The least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/** Start, end, max and least-squares slope per hour of one series, from `fromMinute` on. */
export function trend(samples: Sample[], pick: (s: Sample) => number | null, fromMinute: number) {
  const points = samples
    .filter((s) => s.minute >= fromMinute)
    .map((s) => [s.minute, pick(s)] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null)
    .map(([x, y]) => [x, y] as [number, number]);
  if (points.length === 0) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    start: points[0]![1],
    end: points[points.length - 1]![1],
    max: Math.max(...points.map(([, y]) => y)),
    perHour: round(slope(points) * 60),
  };
}
