/**
 * Benchmark for relationships (not part of npm test):
 *
 *   npm run bench:relationships      one workspace of 10,000 members in 40 departments with
 *                                    1,000,000 interactions over two years: one member's
 *                                    network summary, /rapport suggest, and the weekly
 *                                    keep-in-touch job for the whole workspace, an
 *                                    admin's insights over 12 and 52 weeks, the jobs that
 *                                    work out what Home shows, and Home opened by 200
 *                                    members (twice each) and by an admin
 *
 * BENCH_DATABASE_URL runs it on that Postgres (in a schema of its own), else on the embedded
 * database.
 */
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/persistence/database';
import { migrateToLatest } from '../src/persistence/migrate';
import { ensureWorkspace, saveSettings } from '../src/persistence/repositories/directory';
import { makeHome } from '../src/core/conversation/home';
import { useCasesFor } from '../src/services';
import { memberId, seedOrganisation } from './support/organisation';

const MEMBERS = 10_000;
/** Home opens measured: different members, drawn with a fixed seed. */
const HOME_OPENS = 200;
const ADMIN_OPENS = 20;
const DEPARTMENTS = 40;
const INTERACTIONS = 1_000_000;
const NOW = new Date('2026-11-25T10:00:00Z');

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const id = memberId;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const timer = setInterval(sample, 20);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { ms: Math.round(performance.now() - started), result };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const schema = `rapport_bench_relationships_${process.pid}`;
  const database = await openDatabase(url ? { url, schema } : { dataDir: 'memory://' });
  try {
    await run(database);
  } finally {
    if (database.kind === 'postgres')
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
    await database.close();
  }
}

async function run(database: DatabaseHandle) {
  await migrateToLatest(database.db);
  const db = database.db;
  const workspaceId = await ensureWorkspace(db, {
    platform: 'slack',
    externalId: 'T0BENCH',
    name: 'Bench',
  });
  await saveSettings(db, workspaceId, { timezone: 'Europe/London' });

  const setup = performance.now();
  await seedOrganisation(db, {
    workspaceId,
    members: MEMBERS,
    departments: DEPARTMENTS,
    interactions: INTERACTIONS,
    now: NOW,
  });
  // Statistics, as autovacuum would have them: without them the planner guesses a few rows.
  await sql`analyze interactions`.execute(db);
  await sql`analyze members`.execute(db);
  const counted = await db
    .selectFrom('interactions')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    JSON.stringify({
      part: 'setup',
      database: database.kind,
      members: MEMBERS,
      departments: DEPARTMENTS,
      interactions: Number(counted.n),
      seconds: Math.round((performance.now() - setup) / 1000),
    }),
  );

  const useCases = useCasesFor(database, { now: () => NOW });
  const member = id(4242);
  const admin = id(0);
  await db.updateTable('members').set({ is_admin: true }).where('user_id', '=', admin).execute();
  const oneMember: Array<[string, () => Promise<unknown>]> = [
    ['network summary (one member)', () => useCases.networkSummary(workspaceId, member)],
    ['/rapport suggest (one member)', () => useCases.introductions.suggestNow(workspaceId, member)],
    ['insights, 12 weeks (admin)', () => useCases.insights.read(workspaceId, admin, 12)],
    ['insights, 52 weeks (admin)', () => useCases.insights.read(workspaceId, admin, 52)],
  ];
  for (const [part, work] of oneMember) {
    const runs: number[] = [];
    for (let r = 0; r < 5; r += 1) runs.push((await timed(work)).ms);
    runs.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        part,
        medianMs: runs[2],
        minMs: runs[0],
        maxMs: runs[4],
        peakRssMb: mb(peakRss),
      }),
    );
  }
  // What Home reads is worked out ahead, by the daily and hourly jobs.
  for (const [part, work] of [
    ['suggestion-lists job (whole workspace)', () => useCases.suggestionLists(workspaceId)],
    [
      'insights-headline job (whole workspace)',
      () => useCases.insights.refreshHeadline(workspaceId),
    ],
  ] as const) {
    const { ms, result } = await timed(work);
    console.log(JSON.stringify({ part, ms, note: result.note, peakRssMb: mb(peakRss) }));
  }
  await homeOpens(useCases, workspaceId, admin);
  const summary = await useCases.networkSummary(workspaceId, member);
  if (summary.ok)
    console.log(
      JSON.stringify({
        member,
        connections: summary.summary.connections,
        meaningful: summary.summary.meaningful,
        departmentsReached: summary.summary.departmentsReached.length,
        goingCold: summary.summary.goingCold.length,
      }),
    );

  peakRss = process.memoryUsage().rss;
  const before = peakRss;
  const weekly = await timed(() => useCases.weeklyNetwork(workspaceId, NOW));
  console.log(
    JSON.stringify({
      part: 'weekly keep-in-touch job (whole workspace)',
      ms: weekly.ms,
      note: weekly.result.note,
      queued: weekly.result.queued,
      rssBeforeMb: mb(before),
      peakRssMb: mb(peakRss),
    }),
  );
}

/** The Home view as a platform asks for it (Slack's Home tab, Teams' Home card, the demo). */
function homeView(useCases: ReturnType<typeof useCasesFor>) {
  return makeHome({
    useCases,
    directory: {
      ensureKnown: async () => {},
      departmentFields: async () => null,
      departmentFieldChanged: () => {},
    },
    pictures: { png: () => Promise.reject(new Error('no pictures on Home')) },
    typedPerson: (m) => `@${m.name}`,
    typedChannel: () => null,
  });
}

/** p50, p99 and the slowest of some timings, in ms. */
function percentiles(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { opens: ms.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) };
}

/**
 * Many members' Home opens, each a different member (seeded draw), then the same members
 * again, then an admin's Home (which adds the workspace's insights headline).
 */
async function homeOpens(
  useCases: ReturnType<typeof useCasesFor>,
  workspaceId: string,
  admin: string,
) {
  const home = homeView(useCases);
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const drawn = new Set<number>();
  while (drawn.size < HOME_OPENS) drawn.add(1 + (next() % (MEMBERS - 1)));
  const members = [...drawn].map(id);
  const open = async (userId: string) => (await timed(() => home({ workspaceId, userId }))).ms;
  for (const pass of ['first open of each member', 'second open of each member']) {
    const ms: number[] = [];
    for (const userId of members) ms.push(await open(userId));
    console.log(
      JSON.stringify({ part: `Home, ${pass}`, ...percentiles(ms), peakRssMb: mb(peakRss) }),
    );
  }
  const ms: number[] = [];
  for (let r = 0; r < ADMIN_OPENS; r += 1) ms.push(await open(admin));
  console.log(JSON.stringify({ part: "Home, an admin's", ...percentiles(ms) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
