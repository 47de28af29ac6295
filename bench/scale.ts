/**
 * Benchmark of the database at scale (not part of npm test):
 *
 *   npm run bench:scale              50 workspaces (the largest of 10,000 members with
 *                                    1,000,000 interactions, 200,000 kudos and two years of
 *                                    weekly rounds; the others of 50 to 2,000 members), then
 *                                    p50 and p99 of every command, the Home view and each job
 *   npm run bench:scale -- quick     the same with every workspace a tenth the size
 *
 * Every figure goes through the code production runs: commands through the conversation's
 * command runner, the Home view through its builder, jobs through their definitions. Each
 * command runs RUNS times (BENCH_RUNS, 60 by default; fewer if they pass BENCH_BUDGET_SECONDS,
 * 60 by default) for members drawn at random from the largest workspace; each per-workspace job runs once for every workspace.
 *
 * BENCH_DATABASE_URL runs it on that Postgres (in a schema of its own), else on the embedded
 * database.
 */
import { sql } from 'kysely';
import { createLogger } from '../src/logger';
import { openDatabase, type DatabaseHandle, type Db } from '../src/persistence/database';
import { migrateToLatest } from '../src/persistence/migrate';
import { CORE_JOBS } from '../src/scheduler/jobs';
import type { JobContext } from '../src/scheduler/job';
import { useCasesFor } from '../src/services';
import {
  benchmarkWorkspaces,
  seedScale,
  type SeededWorkspace,
  type WorkspaceSize,
} from './support/scale';
import { benchConversation, drawer, makeAdmins, scaleCommands } from './support/scale-work';

const SEEDED_AT = new Date('2026-11-25T10:00:00Z');
// BENCH_NOW runs a kept schema again later (a round's week already done is not done again).
const NOW = new Date(process.env.BENCH_NOW ?? SEEDED_AT);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_SECONDS ?? 60) * 1000;
const QUICK = process.argv.includes('quick');

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The nearest-rank percentile of sorted times. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  sample();
  return performance.now() - started;
}

function report(part: string, times: number[], extra: Record<string, unknown> = {}) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  console.log(
    JSON.stringify({
      part,
      runs: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1]!),
      // Where the tail lies: one cold first run, or spread through the runs.
      slowest: [...times.keys()]
        .sort((a, b) => times[b]! - times[a]!)
        .slice(0, 3)
        .map((run) => ({ run: run + 1, ms: round(times[run]!) })),
      ...extra,
      peakRssMb: mb(peakRss),
    }),
  );
}

/** The workspaces of a kept schema, largest first, if it was seeded before. */
async function alreadySeeded(db: Db, expected: number): Promise<SeededWorkspace[] | null> {
  const rows = await db
    .selectFrom('workspaces as w')
    .innerJoin('round_channels as c', 'c.workspace_id', 'w.id')
    .select(['w.id', 'w.external_id', 'c.id as roundChannelId'])
    .select((eb) =>
      eb
        .selectFrom('members as m')
        .whereRef('m.workspace_id', '=', 'w.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('members'),
    )
    .orderBy('w.external_id')
    .execute();
  if (rows.length !== expected) return null;
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    roundChannelId: r.roundChannelId,
    members: Number(r.members),
    interactions: 0,
    kudos: 0,
    roundWeeks: 0,
  }));
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  // BENCH_KEEP_SCHEMA keeps the seeded schema for the next run (to compare indexes on the same rows).
  const kept = process.env.BENCH_KEEP_SCHEMA;
  const schema = kept ?? `rapport_bench_scale_${process.pid}`;
  const database = await openDatabase(url ? { url, schema } : { dataDir: 'memory://' });
  const sampler = setInterval(sample, 50);
  try {
    await run(database);
  } finally {
    clearInterval(sampler);
    if (database.kind === 'postgres' && !kept)
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
    await database.close();
  }
}

async function run(database: DatabaseHandle) {
  await migrateToLatest(database.db);
  const db = database.db;
  const sizes: WorkspaceSize[] = benchmarkWorkspaces().map((s) =>
    QUICK
      ? {
          members: Math.max(20, Math.round(s.members / 10)),
          interactions: Math.round(s.interactions / 10),
          kudos: Math.round(s.kudos / 10),
          roundWeeks: Math.round(s.roundWeeks / 4),
        }
      : s,
  );
  const setup = performance.now();
  const workspaces =
    (await alreadySeeded(db, sizes.length)) ??
    (await seedScale(db, sizes, SEEDED_AT, (done) => {
      if (done % 10 === 0) console.error(`seeded ${done} workspaces`);
    }));
  const count = async (table: 'members' | 'interactions' | 'kudos' | 'round_group_members') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  console.log(
    JSON.stringify({
      part: 'setup',
      database: database.kind,
      workspaces: workspaces.length,
      largest: sizes[0],
      members: await count('members'),
      interactions: await count('interactions'),
      kudos: await count('kudos'),
      roundGroupMembers: await count('round_group_members'),
      seconds: Math.round((performance.now() - setup) / 1000),
    }),
  );

  const big = workspaces[0]!;
  await makeAdmins(db, big.id);
  const clock = { now: () => NOW };
  const useCases = useCasesFor(database, clock);
  const conversation = benchConversation(useCases);
  const draw = drawer(42, big.members);
  const commands = scaleCommands(conversation, big, draw);
  for (const [part, work] of commands) {
    const times: number[] = [];
    const started = performance.now();
    // Slow parts stop at their time budget (after five runs at least): runs says how many.
    for (let r = 0; r < RUNS && (r < 5 || performance.now() - started < BUDGET_MS); r += 1) {
      const i = draw();
      times.push(await timed(() => work(i)));
    }
    report(part, times);
  }

  const ctx: JobContext = {
    db,
    clock,
    useCases,
    logger: createLogger('silent'),
    platforms: new Set(['slack']),
  };
  const sizeOf = new Map(
    workspaces.flatMap((w) => [
      [w.id, w.members],
      [w.roundChannelId, w.members],
    ]),
  );
  for (const job of CORE_JOBS) {
    const firings = await job.firings(NOW, ctx);
    const times: number[] = [];
    let largest: number | null = null;
    let outcome: unknown = null;
    for (const firing of firings) {
      const ms = await timed(async () => (outcome = await job.run(firing, ctx)));
      times.push(ms);
      if (sizeOf.get(firing.scope) === big.members) largest = Math.round(ms);
    }
    if (times.length === 0) continue;
    report(`job ${job.name}`, times, {
      scope: firings.length === 1 ? firings[0]!.scope : `${firings.length} workspaces`,
      ...(largest !== null && { largestWorkspaceMs: largest }),
      lastOutcome: JSON.stringify(outcome).slice(0, 200),
    });
  }

  // The Home as members see it day to day: after the daily and hourly jobs (which ran above)
  // have worked out people to meet and the admin's headline. Before them, above, each open
  // works out what a fresh deploy has not yet stored.
  for (const [part, work] of commands.filter(([p]) => p.startsWith('Home view'))) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      const i = draw();
      times.push(await timed(() => work(i)));
    }
    report(`${part}, after the jobs`, times);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
