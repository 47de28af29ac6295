import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/processes';

/**
 * Migrations that take something away, each with the reason the previous release survives it
 * (or predates the rule: an upgrade then stopped every replica first).
 */
const ALLOWED: Record<string, string> = {
  '2026-11-23T12-00-00_scheduling':
    "drops workspace_settings.timezone's default 'UTC': written before rolling upgrades",
  '2026-11-30T00-00-00_inbound-events':
    'renames slack_events: written before rolling upgrades, when upgrades stopped every replica',
  '2026-12-02T01-00-00_forgotten-members':
    "drops the kudos giver's foreign key, which only lets through more than before",
};

/** What takes a table, a column or a guarantee away from the release still running. */
const CONTRACTING =
  /\.(dropTable|dropColumn|renameColumn|renameTo|dropConstraint|dropIndex|setNotNull|setDataType|dropDefault)\(|sql`[^`]*\b(drop\s+(table|column|constraint|index|default)|rename|set\s+not\s+null|type)\b/gi;

/** The `up` of a migration: its text up to `down`. */
function upOf(source: string): string {
  const start = source.indexOf('export async function up');
  const end = source.indexOf('export async function down');
  return source.slice(start, end < 0 ? undefined : end);
}

/** `.addColumn(…)` calls on an existing table (alterTable, not createTable), with their text. */
function addedColumns(up: string): string[] {
  const calls: string[] = [];
  for (const match of up.matchAll(/\.addColumn\(/g)) {
    const before = up.slice(0, match.index);
    if (before.lastIndexOf('.alterTable(') < before.lastIndexOf('.createTable(')) continue;
    let depth = 0;
    let end = match.index + '.addColumn'.length;
    do {
      if (up[end] === '(') depth += 1;
      if (up[end] === ')') depth -= 1;
      end += 1;
    } while (depth > 0 && end < up.length);
    calls.push(up.slice(match.index, end));
  }
  return calls;
}

/** What in one migration's `up` the previous release's queries would break on. */
export function contractions(source: string): string[] {
  const up = upOf(source);
  const found = [...up.matchAll(CONTRACTING)].map((m) => m[0]);
  // The previous release inserts rows without a column it does not know of.
  for (const call of addedColumns(up))
    if (/notNull\(\)/.test(call) && !/defaultTo\(/.test(call)) found.push(call);
  return found;
}

const files = readdirSync(path.join(ROOT, 'migrations')).filter((f) => f !== 'index.ts');

describe('migrations keep the previous release working (expand now, contract a release later)', () => {
  it.each(files)('%s only adds', (file) => {
    const name = file.replace(/\.ts$/, '');
    const found = contractions(readFileSync(path.join(ROOT, 'migrations', file), 'utf8'));
    if (ALLOWED[name]) expect(found).not.toEqual([]);
    else expect(found).toEqual([]);
  });

  it('finds what breaks old queries, and lets additions through', () => {
    const migration = (up: string) =>
      `export async function up(db) {\n${up}\n}\nexport async function down(db) {\n  await db.schema.dropTable('x').execute();\n}\n`;
    expect(
      contractions(migration(`await db.schema.alterTable('k').dropColumn('a').execute();`)),
    ).toEqual(['.dropColumn(']);
    expect(
      contractions(migration(`await db.schema.alterTable('k').renameColumn('a', 'b').execute();`)),
    ).toEqual(['.renameColumn(']);
    expect(
      contractions(migration('await sql`alter table k drop column a`.execute(db);')),
    ).toHaveLength(1);
    expect(
      contractions(
        migration(
          `await db.schema.alterTable('k').addColumn('a', 'text', (c) => c.notNull()).execute();`,
        ),
      ),
    ).toHaveLength(1);
    expect(
      contractions(
        migration(
          `await db.schema.alterTable('k').addColumn('a', 'int4', (c) => c.notNull().defaultTo(5)).execute();\n` +
            `await db.schema.createTable('t').addColumn('b', 'text', (c) => c.notNull()).execute();`,
        ),
      ),
    ).toEqual([]);
  });
});
