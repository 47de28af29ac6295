import { sql } from 'kysely';
import type { Firing, JobContext, JobDefinition, JobOutcome } from './job';

/** How long a claimed firing is this replica's before another may take it over. */
const RUN_LEASE_MS = 5 * 60 * 1000;
/** A firing that failed is tried again on later ticks, up to this many times in all. */
const MAX_RUN_ATTEMPTS = 3;

export interface FiringResult {
  job: string;
  firing: Firing;
  outcome?: JobOutcome;
  error?: string;
}

/**
 * Takes a firing for this replica. The primary key (job, scope, slot) lets exactly one
 * replica insert it; the others see a conflict. A firing whose holder died (lease expired),
 * or that failed, can be taken over.
 */
export async function claimFiring(
  ctx: JobContext,
  job: string,
  firing: Firing,
  worker: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const lease = new Date(now.getTime() + RUN_LEASE_MS);
  const { rows } = await sql<{ job: string }>`
    insert into job_runs (job, scope, slot, status, claimed_by, lease_until, started_at)
    values (${job}, ${firing.scope}, ${firing.slot}, 'running', ${worker}, ${lease}, ${now})
    on conflict (job, scope, slot) do update
      set status = 'running', claimed_by = excluded.claimed_by,
          lease_until = excluded.lease_until, started_at = excluded.started_at,
          attempts = job_runs.attempts + 1, outcome = null
      where (job_runs.status = 'running' and job_runs.lease_until < excluded.started_at)
         or (job_runs.status = 'failed' and job_runs.attempts < ${MAX_RUN_ATTEMPTS})
    returning job
  `.execute(ctx.db);
  return rows.length > 0;
}

/**
 * Records a firing as done by work that did the job's work outside the schedule (the directory
 * read at install), so that no replica runs it again. A firing another replica holds or has
 * finished is left as it is; one that failed counts as done now.
 */
export async function recordFiring(
  ctx: Pick<JobContext, 'db' | 'clock'>,
  job: string,
  firing: Firing,
  by: string,
  outcome: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('job_runs')
    .values({
      job,
      scope: firing.scope,
      slot: firing.slot,
      status: 'done',
      claimed_by: by,
      lease_until: now,
      started_at: now,
      finished_at: now,
      outcome: outcome.slice(0, 500),
    })
    .onConflict((oc) =>
      oc
        .columns(['job', 'scope', 'slot'])
        .doUpdateSet((eb) => ({
          status: 'done',
          claimed_by: eb.ref('excluded.claimed_by'),
          finished_at: eb.ref('excluded.finished_at'),
          outcome: eb.ref('excluded.outcome'),
        }))
        .where('job_runs.status', '=', 'failed'),
    )
    .execute();
}

async function settle(
  ctx: JobContext,
  job: string,
  firing: Firing,
  worker: string,
  status: 'done' | 'failed',
  outcome: string,
) {
  await ctx.db
    .updateTable('job_runs')
    .set({ status, outcome: outcome.slice(0, 500), finished_at: ctx.clock.now() })
    .where('job', '=', job)
    .where('scope', '=', firing.scope)
    .where('slot', '=', firing.slot)
    .where('claimed_by', '=', worker)
    .execute();
}

/** Runs one firing that this replica has claimed, and records how it went. */
export async function runClaimed(
  ctx: JobContext,
  job: JobDefinition,
  firing: Firing,
  worker: string,
): Promise<FiringResult> {
  const started = performance.now();
  const took = () => (performance.now() - started) / 1000;
  try {
    const outcome = await job.run(firing, ctx);
    ctx.metrics?.ran(job.name, 'done', took());
    await settle(ctx, job.name, firing, worker, 'done', outcome.note ?? `queued ${outcome.queued}`);
    return { job: job.name, firing, outcome };
  } catch (error) {
    ctx.metrics?.ran(job.name, 'failed', took());
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.error({ err: error, job: job.name, ...firing }, 'job failed');
    await settle(ctx, job.name, firing, worker, 'failed', message).catch(() => undefined);
    return { job: job.name, firing, error: message };
  }
}

/** Firings of `job` that already ran, so a tick does not write for them again. */
async function finished(ctx: JobContext, job: string, firings: Firing[]): Promise<Set<string>> {
  if (firings.length === 0) return new Set();
  const oldest = new Date(Math.min(...firings.map((f) => f.slot.getTime())));
  const rows = await ctx.db
    .selectFrom('job_runs')
    .select(['scope', 'slot'])
    .where('job', '=', job)
    .where('slot', '>=', oldest)
    .where('status', '=', 'done')
    .execute();
  return new Set(rows.map((r) => `${r.scope}@${r.slot.getTime()}`));
}

/**
 * One job's tick on one replica: every firing that is due (and not older than the job allows)
 * is claimed and run here, unless another replica claimed it first. Safe to call from every
 * replica at once, and after any gap: a missed firing runs once, when a replica is next up.
 */
export async function tickJob(
  ctx: JobContext,
  job: JobDefinition,
  worker: string,
): Promise<FiringResult[]> {
  const now = ctx.clock.now();
  let firings: Firing[];
  try {
    firings = (await job.firings(now, ctx)).filter(
      (f) => f.slot <= now && now.getTime() - f.slot.getTime() <= job.catchUpMs,
    );
  } catch (error) {
    ctx.logger.error({ err: error, job: job.name }, 'could not work out when the job is due');
    return [];
  }
  const done = await finished(ctx, job.name, firings);
  const results: FiringResult[] = [];
  for (const firing of firings) {
    if (done.has(`${firing.scope}@${firing.slot.getTime()}`)) continue;
    if (!(await claimFiring(ctx, job.name, firing, worker))) continue;
    results.push(await runClaimed(ctx, job, firing, worker));
  }
  return results;
}

/** Every job's tick, one after another. */
export async function tick(
  ctx: JobContext,
  jobs: JobDefinition[],
  worker: string,
): Promise<FiringResult[]> {
  const results: FiringResult[] = [];
  for (const job of jobs) results.push(...(await tickJob(ctx, job, worker)));
  return results;
}

/**
 * Every firing that fell due after `since`, however long ago (the demo's clock jumps days at
 * a time, past any catch-up window): each claimed and run once, like a tick.
 */
export async function runDueSince(
  ctx: JobContext,
  jobs: JobDefinition[],
  since: Date,
  worker: string,
): Promise<FiringResult[]> {
  const now = ctx.clock.now();
  const results: FiringResult[] = [];
  for (const job of jobs) {
    const firings = (await job.firings(now, ctx)).filter((f) => f.slot > since && f.slot <= now);
    const done = await finished(ctx, job.name, firings);
    for (const firing of firings) {
      if (done.has(`${firing.scope}@${firing.slot.getTime()}`)) continue;
      if (!(await claimFiring(ctx, job.name, firing, worker))) continue;
      results.push(await runClaimed(ctx, job, firing, worker));
    }
  }
  return results;
}
