import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Clock } from '../core/ports';
import type { Logger } from '../logger';
import type { DatabaseHandle } from '../persistence/database';
import { httpMetrics } from './http';
import { jobMetrics } from './jobs';
import { poolMetrics } from './pool';
import { queueMetrics } from './queue';

export type { HttpMetrics, RouteLabels } from './http';

/**
 * One server's metrics, on a registry of its own rather than prom-client's global one, so that
 * several servers in one process (tests) do not count into each other. No label holds a
 * person's, a workspace's or a channel's id: routes, platforms, states, jobs and outcomes only.
 */
export function createMetrics(options: { database: DatabaseHandle; clock: Clock; logger: Logger }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The pool first: collected before the queue's reads start, it does not count the scrape's own.
  poolMetrics(registry, options.database.pool);
  queueMetrics(registry, options.database.db, options.clock, options.logger);
  return { registry, http: httpMetrics(registry), jobs: jobMetrics(registry) };
}

export type Metrics = ReturnType<typeof createMetrics>;
