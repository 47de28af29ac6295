import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { migrations } from '../../migrations';
import {
  migrateDownAll,
  migrateToLatest,
  newerMigrations,
  pendingMigrations,
} from '../../src/persistence/migrate';
import { openDatabase } from '../../src/persistence/database';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { cleanEnv, runEntry } from '../support/processes';

const TABLES = [
  'deliveries',
  'delivery_pacing',
  'departments',
  'file_links',
  'forgotten_members',
  'inbound_events',
  'insights_headlines',
  'interactions',
  'introductions',
  'job_runs',
  'kudos',
  'kudos_recipients',
  'member_suggestions',
  'members',
  'mentorships',
  'reminders',
  'round_absences',
  'round_channels',
  'round_group_members',
  'round_groups',
  'round_participants',
  'rounds',
  'slack_installations',
  'suggestion_snoozes',
  'teams_conversations',
  'teams_users',
  'welcomes',
  'workspace_settings',
  'workspaces',
];

async function tables(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name`.execute(database.db);
  return rows.map((r) => r.name);
}

describe(`migrations on ${databaseLabel}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  it('run up from an empty database, then report nothing pending', async () => {
    expect(await tables(database)).toEqual([]);
    expect(await pendingMigrations(database.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
    expect(await tables(database)).toEqual(TABLES);
    expect(await pendingMigrations(database.db)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('go down to empty and up again', async () => {
    await migrateDownAll(database.db);
    expect(await tables(database)).toEqual([]);
    await migrateToLatest(database.db);
    expect(await tables(database)).toEqual(TABLES);
  });

  it('scope every table but workspaces to a workspace', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id'`.execute(database.db);
    expect(rows.map((r) => r.table_name).sort()).toEqual(
      // job_runs is the scheduler's own ledger: its scope is a workspace id or 'global'.
      TABLES.filter((t) => t !== 'workspaces' && t !== 'job_runs'),
    );
  });

  /** Records a migration this code does not have as run, as another release would have. */
  const recorded = async (name: string, work: () => Promise<void>) => {
    await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
      database.db,
    );
    try {
      await work();
    } finally {
      await sql`delete from kysely_migration where name = ${name}`.execute(database.db);
    }
  };

  it('run on a database a newer release migrated: an old replica restarting mid-upgrade', async () => {
    await migrateToLatest(database.db);
    const newer = '2099-01-01T00-00-00_from-a-newer-release';
    await recorded(newer, async () => {
      expect(await newerMigrations(database.db)).toEqual([newer]);
      expect(await migrateToLatest(database.db)).toEqual([]);
      expect(await pendingMigrations(database.db)).toEqual([]);
      if (!process.env.TEST_DATABASE_URL) return;
      // `npm run migrate` of this release says so, rather than failing (a process needs Postgres).
      const url = new URL(process.env.TEST_DATABASE_URL);
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
      url.searchParams.set('options', `-c search_path=${rows[0]!.s}`);
      const cli = await runEntry('src/migrate-cli.ts', [], {
        env: cleanEnv({ DATABASE_URL: url.toString() }),
      });
      expect(cli).toMatchObject({
        code: 0,
        stdout: `Postgres: already migrated by a newer release (${newer})\n`,
      });
    });
  }, 60_000);

  it('refuse an unknown migration older than their own newest', async () => {
    const stray = `${Object.keys(migrations)[0]}-from-another-branch`;
    await recorded(stray, async () => {
      expect(await newerMigrations(database.db)).toEqual([]);
      await expect(migrateToLatest(database.db)).rejects.toThrow(/is missing/);
    });
  });

  // Replicas of a new release starting together each migrate at start-up, each on its own
  // connections: kysely's advisory lock lets one apply the new migration while the rest wait.
  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    'apply a new migration once when four replicas start together',
    async () => {
      await migrateToLatest(database.db);
      const newest = Object.keys(migrations).at(-1)!;
      await migrations[newest]!.down!(database.db);
      await sql`delete from kysely_migration where name = ${newest}`.execute(database.db);
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
      const replicas = await Promise.all(
        [1, 2, 3, 4].map(() =>
          openDatabase({ url: process.env.TEST_DATABASE_URL, schema: rows[0]!.s }),
        ),
      );
      try {
        const applied = await Promise.all(replicas.map((r) => migrateToLatest(r.db)));
        expect(applied.sort()).toEqual([[], [], [], [newest]]);
        expect(await pendingMigrations(database.db)).toEqual([]);
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    },
  );

  it('list every file in migrations/ in the registry, in order', () => {
    const files = readdirSync(path.join(__dirname, '../../migrations'))
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
