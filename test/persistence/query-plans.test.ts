import {
  CompiledQuery,
  createQueryId,
  sql,
  type KyselyPlugin,
  type RootOperationNode,
} from 'kysely';
import { seedScale, type SeededWorkspace } from '../../bench/support/scale';
import {
  benchConversation,
  drawer,
  makeAdmins,
  scaleCommands,
} from '../../bench/support/scale-work';
import { createLogger } from '../../src/logger';
import { unitOfWork } from '../../src/persistence/repositories';
import { CORE_JOBS } from '../../src/scheduler/jobs';
import type { JobContext } from '../../src/scheduler/job';
import { createUseCases } from '../../src/services';
import { openTestDatabase, type TestDatabase } from '../support/database';

/*
 * Every query the commands, the Home view and the jobs send, as they send it (captured on its
 * way to the database, not copied), explained by Postgres in a database shaped like
 * production's: several workspaces in every table, one larger than the rest, with statistics.
 * None may read a large table whole. The tables here are a fraction of production's, where a
 * whole read is never the cheap plan, so sequential scans are priced out (enable_seqscan off):
 * whatever Postgres still reads whole, no index can narrow. On Postgres only, whose plans
 * multi-workspace deployments get; slow (it seeds), so only with RAPPORT_SLOW_TESTS.
 */
const LARGE_TABLES = new Set([
  'members',
  'interactions',
  'kudos',
  'kudos_recipients',
  'rounds',
  'round_groups',
  'round_group_members',
  'round_participants',
  'round_absences',
  'deliveries',
  'reminders',
  'introductions',
]);
const NOW = new Date('2026-11-25T10:00:00Z');

const run =
  process.env.TEST_DATABASE_URL && process.env.RAPPORT_SLOW_TESTS ? describe : describe.skip;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * The large tables a plan reads whole: a sequential scan, or an index scanned end to end (no
 * index condition), which is what Postgres falls back on with sequential scans priced out.
 */
const wholeReads = (node: PlanNode): string[] => [
  ...(LARGE_TABLES.has(node['Relation Name'] ?? '') &&
  (node['Node Type'] === 'Seq Scan' ||
    (/^Index (Only )?Scan$/.test(node['Node Type']) && !node['Index Cond']))
    ? [`${node['Node Type']} on ${node['Relation Name']}`]
    : []),
  ...(node.Plans ?? []).flatMap(wholeReads),
];

run('query plans at scale on postgres', () => {
  let database: TestDatabase;
  let workspaces: SeededWorkspace[];
  const issued: RootOperationNode[] = [];
  // Hears every query on its way to the database (the last plugin sees the final tree).
  const recorder: KyselyPlugin = {
    transformQuery: ({ node }) => {
      issued.push(node);
      return node;
    },
    transformResult: async ({ result }) => result,
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    // One larger workspace and three small ones: the planner's statistics are real, and every
    // table holds several workspaces, so that a query not narrowed to one is seen.
    const small = { members: 100, interactions: 3_000, kudos: 600, roundWeeks: 6 };
    workspaces = await seedScale(
      database.db,
      [
        { members: 1000, interactions: 30_000, kudos: 6_000, roundWeeks: 12 },
        ...Array(3).fill(small),
      ],
      NOW,
    );
  }, 120_000);
  afterAll(() => database?.close());

  it('reads no large table whole for any command, the Home view or a job', async () => {
    const db = database.db;
    const traced = db.withPlugin(recorder);
    const clock = { now: () => NOW };
    const useCases = createUseCases(unitOfWork(traced, clock), clock);
    const [big, small] = workspaces as [SeededWorkspace, SeededWorkspace];
    await makeAdmins(db, big.id);
    await makeAdmins(db, small.id);

    const conversation = benchConversation(useCases);
    for (const workspace of [big, small]) {
      const draw = drawer(7, workspace.members);
      for (const [, work] of scaleCommands(conversation, workspace, draw)) await work(draw());
    }
    // Jobs for the small workspace: at the largest, reading most of a table is the right plan.
    const ctx: JobContext = {
      db: traced,
      clock,
      useCases,
      logger: createLogger('silent'),
      platforms: new Set(['slack']),
    };
    const scopes = new Set([small.id, small.roundChannelId, 'global']);
    for (const job of CORE_JOBS)
      for (const firing of await job.firings(NOW, ctx))
        if (scopes.has(firing.scope)) await job.run(firing, ctx);

    const statements = new Map<string, CompiledQuery>();
    for (const node of issued) {
      const compiled = db.getExecutor().compileQuery(node, createQueryId());
      if (/^\s*(select|insert|update|delete|with)\b/i.test(compiled.sql))
        statements.set(compiled.sql, compiled);
    }
    expect(statements.size).toBeGreaterThan(50);
    // Seq scans priced out: the tables here are a fraction of production's, where reading one
    // whole is never the cheap plan; what Postgres still reads whole, no index can narrow.
    const failures = await db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      const found: string[] = [];
      for (const q of statements.values()) {
        const { rows } = await conn.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]),
        );
        const whole = wholeReads(rows[0]!['QUERY PLAN'][0]!.Plan);
        if (whole.length > 0) found.push(`${whole.join(', ')}: ${q.sql.replace(/\s+/g, ' ')}`);
      }
      await sql`reset enable_seqscan`.execute(conn);
      return found;
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
