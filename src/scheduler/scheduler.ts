import { schedule, type ScheduledTask } from 'node-cron';
import { tickJob, type FiringResult } from './coordinator';
import type { JobContext, JobDefinition } from './job';

export interface SchedulerOptions {
  ctx: JobContext;
  jobs: JobDefinition[];
  /** Names this replica in job_runs. */
  worker: string;
  /** A cron expression for how often to look for due firings: every minute by default. */
  tickExpression: string;
  /** Called after a tick that queued deliveries, to wake the local delivery worker. */
  onQueued?: () => void;
}

/**
 * node-cron wakes every replica on each tick; the coordinator then decides, through Postgres,
 * which replica runs each due firing. The schedules themselves (a workspace's day, hour and
 * zone) are evaluated by the jobs, so changing a setting needs no cron task to be rebuilt.
 */
export function startScheduler(options: SchedulerOptions) {
  const { ctx } = options;
  // Per job: a long job (a directory sync) must not hold up a prompt that is due.
  const running = new Map<string, Promise<void>>();

  const report = (results: FiringResult[]) => {
    for (const r of results)
      ctx.logger.info(
        {
          job: r.job,
          scope: r.firing.scope,
          slot: r.firing.slot,
          outcome: r.outcome,
          error: r.error,
        },
        'job fired',
      );
    if (results.some((r) => (r.outcome?.queued ?? 0) > 0)) options.onQueued?.();
  };

  const once = async (): Promise<void> => {
    for (const job of options.jobs) {
      if (running.has(job.name)) continue;
      const run = tickJob(ctx, job, options.worker)
        .then(report)
        .catch((error: unknown) => ctx.logger.error({ err: error, job: job.name }, 'tick failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
    await Promise.allSettled([...running.values()]);
  };

  const task: ScheduledTask = schedule(options.tickExpression, () => void once(), {
    name: `rapport-scheduler-${options.worker}`,
  });
  // A replica that starts after a missed firing runs it now, not at the next tick.
  void once();

  return {
    tickNow: once,
    async stop(): Promise<void> {
      await task.stop();
      await task.destroy();
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type Scheduler = ReturnType<typeof startScheduler>;
