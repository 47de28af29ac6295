import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config';
import { makeOutboundComposer } from './core/conversation';
import type { Platform } from './core/domain/member';
import type { Clock } from './core/ports';
import { deliveryWorker } from './delivery/worker';
import type { Senders } from './delivery/types';
import type { Logger } from './logger';
import type { DatabaseHandle } from './persistence/database';
import type { JobContext, JobDefinition, JobMetrics } from './scheduler/job';
import { CORE_JOBS } from './scheduler/jobs';
import { startScheduler } from './scheduler/scheduler';
import { useCasesFor } from './services';

export { CORE_JOBS };

/**
 * A delivery whose sends keep failing for reasons that may pass (a 5xx, a timeout) is given up
 * only after this long, however many attempts that takes: a platform outage of a few minutes
 * delays messages and loses none.
 */
export const GIVE_UP_AFTER_MS = 15 * 60_000;

export const workerName = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface BackgroundOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  clock: Clock;
  senders: Senders;
  rosters: JobContext['rosters'];
  adapterJobs: JobDefinition[];
  /** Where job runs are counted: the server's /metrics. */
  jobMetrics?: JobMetrics;
}

export function workerFor(
  options: Omit<BackgroundOptions, 'adapterJobs' | 'rosters'>,
  workerId: string,
) {
  const { config } = options;
  return deliveryWorker({
    db: options.database.db,
    clock: options.clock,
    senders: options.senders,
    compose: makeOutboundComposer(useCasesFor(options.database, options.clock)),
    logger: options.logger.child({ component: 'delivery' }),
    workerId,
    concurrency: config.RAPPORT_DELIVERY_CONCURRENCY,
    pollMs: config.RAPPORT_DELIVERY_POLL_MS,
    leaseMs: config.RAPPORT_DELIVERY_LEASE_MS,
    maxAttempts: config.RAPPORT_DELIVERY_MAX_ATTEMPTS,
    giveUpAfterMs: GIVE_UP_AFTER_MS,
  });
}

/** The scheduler and the delivery worker of one replica. */
export function startBackground(options: BackgroundOptions) {
  const workerId = workerName();
  const worker = workerFor(options, workerId);
  worker.start();
  const scheduler = startScheduler({
    ctx: {
      db: options.database.db,
      clock: options.clock,
      useCases: useCasesFor(options.database, options.clock),
      logger: options.logger.child({ component: 'scheduler' }),
      platforms: new Set(Object.keys(options.senders) as Platform[]),
      rosters: options.rosters,
      ...(options.jobMetrics && { metrics: options.jobMetrics }),
    },
    jobs: [...CORE_JOBS, ...options.adapterJobs],
    worker: workerId,
    tickExpression: options.config.RAPPORT_SCHEDULER_TICK,
    onQueued: () => worker.wake(),
  });
  options.logger.info({ workerId }, 'scheduler and delivery worker started');
  return {
    async stop(): Promise<void> {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
