import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';

/** The tables the README's retention section names, each in backquotes in its first column. */
function publishedTables(): string[] {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('**Retention**');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}

describe(`the published retention rules (${databaseLabel})`, () => {
  let database: TestDatabase;
  afterAll(() => database?.close());

  it('name every table the database has, and no other', async () => {
    database = await openTestDatabase();
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
        and table_name not like 'kysely_%'`.execute(database.db);
    expect(publishedTables().sort()).toEqual(rows.map((r) => r.table_name).sort());
  });
});
