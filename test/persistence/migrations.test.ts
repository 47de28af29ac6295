import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { migrations } from '../../migrations';
import { migrateDownAll, migrateToLatest, pendingMigrations } from '../../src/persistence/migrate';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';

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

  it('list every file in migrations/ in the registry, in order', () => {
    const files = readdirSync(path.join(__dirname, '../../migrations'))
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
