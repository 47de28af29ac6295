/**
 * Benchmarks for the weekly intro round (not part of npm test):
 *
 *   npm run bench:rounds -- scale        one round for 10,000 people in 40 departments with 52
 *                                        weeks of history: the engine alone, then the whole
 *                                        round job on the database (BENCH_DATABASE_URL for
 *                                        Postgres, else the embedded one)
 *   npm run bench:rounds -- simulation   26 weeks of a 500-person, 12-department company with
 *                                        skewed departments: Rapport's engine against random
 *                                        pairing and random pairing with a 180-day repeat check
 */
import { sql } from 'kysely';
import { formGroups, type Candidate } from '../src/core/domain/matching';
import { seededRandom, shuffle } from '../src/core/domain/random';
import { DEFAULT_ROUND_CHANNEL } from '../src/core/domain/rounds';
import { openDatabase } from '../src/persistence/database';
import { migrateToLatest } from '../src/persistence/migrate';
import { createRepositories } from '../src/persistence/repositories';
import { ensureWorkspace, saveSettings } from '../src/persistence/repositories/directory';
import { useCasesFor } from '../src/services';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const ZONES = [
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Europe/Berlin',
  'Asia/Singapore',
];
const hours = { startMinute: 540, endMinute: 1020 };

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** `n` people over `departments` departments of skewed sizes (department k ~ 1/(k+1)). */
function company(n: number, departments: number): Candidate[] {
  const weights = Array.from({ length: departments }, (_v, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / total) * n)));
  sizes[0]! += n - sizes.reduce((a, b) => a + b, 0);
  return sizes.flatMap((size, d) =>
    Array.from({ length: size }, (_v, i) => ({
      userId: `u${d}-${i}`,
      department: `Department ${d + 1}`,
      timezone: ZONES[(d + i) % ZONES.length]!,
      workingHours: hours,
    })),
  );
}

async function scale() {
  const people = company(10_000, 40);
  // A year of weekly pairings (random ones: the engine's own would take minutes to build).
  const history: Array<{ members: string[]; at: Date }> = [];
  const rounds: Array<{ at: Date; groups: string[][] }> = [];
  for (let w = 52; w >= 1; w -= 1) {
    const at = new Date(NOW - w * WEEK);
    const groups = pairUp(
      shuffle(
        people.map((p) => p.userId),
        seededRandom(`history-${w}`),
      ),
    );
    for (const g of groups) history.push({ members: g, at });
    rounds.push({ at, groups });
  }
  const before = process.memoryUsage().rss;
  let started = performance.now();
  const result = formGroups(people, {
    now: new Date(NOW),
    groupSize: 2,
    repeatWindowDays: 180,
    leftover: 'join',
    seed: 'now',
    history,
  });
  const engineMs = performance.now() - started;
  sample();
  console.log(
    JSON.stringify({
      part: 'engine',
      people: people.length,
      departments: 40,
      historyWeeks: 52,
      ms: Math.round(engineMs),
      rssMb: mb(process.memoryUsage().rss),
      rssGrowthMb: mb(process.memoryUsage().rss - before),
      ...result.stats,
    }),
  );

  const url = process.env.BENCH_DATABASE_URL;
  const schema = `rapport_bench_rounds_${process.pid}`;
  const database = await openDatabase(url ? { url, schema } : { dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const workspaceId = await ensureWorkspace(database.db, {
    platform: 'slack',
    externalId: 'T0BENCH',
    name: 'Bench',
  });
  await saveSettings(database.db, workspaceId, { timezone: 'Europe/London' });
  const departments = [...new Set(people.map((p) => p.department!))];
  const deptIds = new Map<string, string>();
  for (const d of departments) {
    const row = await database.db
      .insertInto('departments')
      .values({ workspace_id: workspaceId, name: d })
      .returning('id')
      .executeTakeFirstOrThrow();
    deptIds.set(d, row.id);
  }
  for (let i = 0; i < people.length; i += 1000)
    await database.db
      .insertInto('members')
      .values(
        people.slice(i, i + 1000).map((p) => ({
          workspace_id: workspaceId,
          user_id: p.userId,
          name: p.userId,
          department_id: deptIds.get(p.department!)!,
          timezone: p.timezone,
        })),
      )
      .execute();
  const repos = createRepositories(database.db);
  const channel = await repos.rounds.saveChannel(workspaceId, {
    ...DEFAULT_ROUND_CHANNEL,
    channelId: 'CBENCH',
  });
  for (let i = 0; i < people.length; i += 1000)
    await database.db
      .insertInto('round_participants')
      .values(
        people.slice(i, i + 1000).map((p) => ({
          round_channel_id: channel.id,
          workspace_id: workspaceId,
          user_id: p.userId,
          status: 'in' as const,
        })),
      )
      .execute();
  for (const r of rounds)
    await repos.rounds.createRound(workspaceId, {
      roundChannelId: channel.id,
      slot: r.at,
      checkinAt: new Date(r.at.getTime() + 3 * DAY),
      createdAt: r.at,
      groups: r.groups,
      absences: [],
    });
  const clock = { now: () => new Date(NOW) };
  started = performance.now();
  const outcome = await useCasesFor(database, clock).runRound({
    workspaceId,
    roundChannelId: channel.id,
    slot: new Date(NOW),
  });
  const roundMs = performance.now() - started;
  sample();
  const queued = await database.db
    .selectFrom('deliveries')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    JSON.stringify({
      part: 'round job',
      database: database.kind,
      ms: Math.round(roundMs),
      note: outcome.note,
      deliveriesQueued: Number(queued.n),
      peakRssMb: mb(peakRss),
    }),
  );
  if (database.kind === 'postgres')
    await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
  await database.close();
}

type Strategy = (
  people: Candidate[],
  history: Array<{ members: string[]; at: Date }>,
  at: Date,
  week: number,
) => string[][];

const engine: Strategy = (people, history, at, week) =>
  formGroups(people, {
    now: at,
    groupSize: 2,
    repeatWindowDays: 180,
    leftover: 'join',
    seed: `sim-${week}`,
    history,
  }).groups;

function pairUp(order: string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i + 1 < order.length; i += 2) groups.push([order[i]!, order[i + 1]!]);
  if (order.length % 2 === 1 && groups.length > 0) groups[groups.length - 1]!.push(order.at(-1)!);
  return groups;
}

const random: Strategy = (people, _h, _at, week) =>
  pairUp(
    shuffle(
      people.map((p) => p.userId),
      seededRandom(`random-${week}`),
    ),
  );

/** What open-source pairing bots do: random, but skip partners met in the last 180 days if possible. */
const randomWithCheck: Strategy = (people, history, at, week) => {
  const recent = new Set<string>();
  for (const g of history)
    if (at.getTime() - g.at.getTime() <= 180 * DAY)
      for (const a of g.members) for (const b of g.members) if (a < b) recent.add(`${a}|${b}`);
  const order = shuffle(
    people.map((p) => p.userId),
    seededRandom(`check-${week}`),
  );
  const free = new Set(order);
  const groups: string[][] = [];
  for (const a of order) {
    if (!free.has(a)) continue;
    free.delete(a);
    const candidates = [...free];
    const b =
      candidates.find((c) => !recent.has(a < c ? `${a}|${c}` : `${c}|${a}`)) ?? candidates[0];
    if (b === undefined) {
      groups.at(-1)?.push(a);
      continue;
    }
    free.delete(b);
    groups.push([a, b]);
  }
  return groups;
};

/** The round's most department pairs for these people, given this strategy's own history. */
const boundOf = (people: Candidate[], history: Array<{ members: string[]; at: Date }>, at: Date) =>
  formGroups(people, {
    now: at,
    groupSize: 2,
    repeatWindowDays: 180,
    leftover: 'join',
    seed: 'bound',
    history,
  }).stats.departmentPairsBound;

function simulate(name: string, strategy: Strategy, people: Candidate[]) {
  const dept = new Map(people.map((p) => [p.userId, p.department!]));
  const departments = new Set(dept.values()).size;
  const allPairs = (departments * (departments - 1)) / 2;
  const history: Array<{ members: string[]; at: Date }> = [];
  const met = new Set<string>();
  const departmentPairs = new Set<string>();
  const reached = new Map<string, Set<string>>(people.map((p) => [p.userId, new Set<string>()]));
  let pairs = 0;
  let repeats = 0;
  let samePairs = 0;
  const snapshots: Record<string, unknown>[] = [];
  for (let week = 1; week <= 26; week += 1) {
    const at = new Date(NOW + week * WEEK);
    const bound = boundOf(people, history, at);
    const linked = new Set<string>();
    for (const g of strategy(people, history, at, week)) {
      history.push({ members: g, at });
      for (let x = 0; x < g.length; x += 1)
        for (let y = x + 1; y < g.length; y += 1) {
          const [a, b] = [g[x]!, g[y]!].sort() as [string, string];
          pairs += 1;
          if (met.has(`${a}|${b}`)) repeats += 1;
          met.add(`${a}|${b}`);
          const [da, db] = [dept.get(a)!, dept.get(b)!];
          if (da === db) {
            samePairs += 1;
            continue;
          }
          const pair = [da, db].sort().join('|');
          linked.add(pair);
          departmentPairs.add(pair);
          reached.get(a)!.add(db);
          reached.get(b)!.add(da);
        }
    }
    if ([1, 2, 4, 13, 26].includes(week)) {
      const counts = [...reached.values()].map((r) => r.size);
      snapshots.push({
        week,
        departmentPairsThisWeek: `${linked.size} (bound ${bound})`,
        departmentPairsSoFar: `${departmentPairs.size}/${allPairs}`,
        peopleWithoutCrossDepartmentContact: counts.filter((c) => c === 0).length,
        averageDepartmentsReached:
          Math.round((counts.reduce((a, b) => a + b, 0) / counts.length) * 10) / 10,
        sameDepartmentPairs: `${samePairs} (${Math.round((samePairs / pairs) * 1000) / 10}%)`,
        repeats: `${repeats} (${Math.round((repeats / pairs) * 1000) / 10}%)`,
      });
    }
  }
  return { strategy: name, snapshots };
}

function simulation() {
  const people = company(500, 12);
  const sizes = [...new Set(people.map((p) => p.department))].map(
    (d) => people.filter((p) => p.department === d).length,
  );
  console.log(JSON.stringify({ people: people.length, departmentSizes: sizes }));
  for (const [name, strategy] of [
    ['rapport', engine],
    ['random', random],
    ['random + 180-day check', randomWithCheck],
  ] as const)
    for (const snapshot of simulate(name, strategy, people).snapshots)
      console.log(JSON.stringify({ strategy: name, ...snapshot }));
}

const which = process.argv[2] ?? 'simulation';
(which === 'scale' ? scale() : Promise.resolve(simulation())).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
