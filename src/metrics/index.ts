import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Clock } from '../core/ports';
import type { Logger } from '../logger';
import type { DatabaseHandle } from '../persistence/database';
import { httpMetrics } from './http';
import { jobMetrics } from './jobs';
import { poolMetrics } from './pool';
import { queueMetrics } from './queue';

export type { HttpMetrics, RouteLabels } from './http';

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (memory, CPU, event loop, GC) once per process: each call of
 * collectDefaultMetrics starts observers that nothing can stop, so a process that starts many
 * servers (the tests) would gather them without end.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * One server's metrics, on a registry of its own rather than prom-client's global one, so that
 * several servers in one process (tests) do not count into each other. No label holds a
 * person's, a workspace's or a channel's id: routes, platforms, states, jobs and outcomes only.
 */
export function createMetrics(options: { database: DatabaseHandle; clock: Clock; logger: Logger }) {
  const registry = new Registry();
  // The pool first: collected before the queue's reads start, it does not count the scrape's own.
  poolMetrics(registry, options.database.pool);
  queueMetrics(registry, options.database.db, options.clock, options.logger);
  const process = processMetrics();
  return {
    http: httpMetrics(registry),
    jobs: jobMetrics(registry),
    contentType: registry.contentType,
    /** The server's metrics and the process's, in Prometheus's text format. */
    text: () => Registry.merge([process, registry]).metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
