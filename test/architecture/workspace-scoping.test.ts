import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { openTestDatabase, databaseLabel, type TestDatabase } from '../support/database';
import { ROOT } from '../support/processes';

/**
 * Every query Rapport writes that touches a tenant table (one with a workspace_id column) is
 * scoped by workspace, so that no command, job or view of one workspace can read or change
 * another's rows. The test reads the code rather than running it, so that every query is
 * checked, including those no other test happens to reach: each kysely chain started by
 * selectFrom / updateTable / deleteFrom / insertInto, and each sql`` template run on its own,
 * must compare workspace_id with a value (where, on, a values object, a sql condition).
 * A statement is judged as a whole: a correlated subquery (kudos_recipients of one scoped
 * kudos) is scoped by its outer query.
 */

/**
 * Queries that are global by design, each named `file: function`, with the reason. An entry
 * (here or in SCOPED_BY_PARENT) that no unscoped query matches fails the test, so the lists
 * cannot outlive their queries.
 */
const GLOBAL_BY_DESIGN: Record<string, string> = {
  'src/delivery/store.ts: claimDue':
    'the delivery worker claims due deliveries of every workspace on its platforms',
  'src/delivery/store.ts: mine':
    'the worker settles a delivery it claimed, by the id and the claim it holds',
  'src/metrics/queue.ts: read':
    "/metrics reports the shared queue's depth and states across workspaces, counts only",
  'src/persistence/repositories/deliveries.ts: deliveryCountsSince':
    "`npm run job` reports the queue's counts across workspaces to the operator",
  'src/persistence/repositories/due-work.ts: remindersDue':
    'the reminders job looks for the workspaces that have work due',
  'src/persistence/repositories/due-work.ts: welcomesDue':
    'the welcomes job looks for the workspaces that have work due',
  'src/persistence/repositories/due-work.ts: waitingOnMutual':
    'the introductions job looks for the workspaces that have work due',
  'src/persistence/repositories/due-work.ts: roundChannel':
    'the round job reads the channel it was scheduled for, by the id roundSchedules gave',
  'src/persistence/repositories/workspace-schedules.ts: workspaceSchedules':
    "the scheduler reads every installed workspace's schedule (or one, when given)",
  'src/persistence/repositories/retention.ts: purgeExpired':
    'retention deletes what has expired, whichever workspace it belongs to',
  'src/persistence/repositories/retention.ts: purgeHistory':
    "retention deletes history older than each workspace's own history setting",
  'src/persistence/repositories/file-links.ts: find':
    'a download is found by the hash of its unguessable token, before any workspace is known',
  'src/persistence/repositories/slack-installations.ts: saveInstallation':
    "Bolt's installation store works by installation key (team or enterprise id)",
  'src/persistence/repositories/slack-installations.ts: installationSecret':
    "Bolt's installation store works by installation key (team or enterprise id)",
  'src/persistence/repositories/slack-installations.ts: deleteInstallation':
    "Bolt's installation store works by installation key (team or enterprise id)",
  'src/persistence/repositories/slack-installations.ts: deleteInstallationBefore':
    "Bolt's installation store works by installation key (team or enterprise id)",
  'src/persistence/repositories/slack-installations.ts: installationKeys':
    'the server lists every installation at start-up to serve each workspace',
};

/**
 * Queries scoped by the id of a parent row that the same use case read with workspace_id
 * first (a round channel, a round, a group, a kudos): the id is a uuid of that workspace's own
 * row, so the child rows are that workspace's too.
 */
const SCOPED_BY_PARENT: Record<string, string> = {
  'src/persistence/repositories/round-channels.ts: participants':
    'a round channel found by channels(workspaceId) or roundSchedules',
  'src/persistence/repositories/round-records.ts: groupsOf':
    'a round found by latestRound or lockGroup(workspaceId, groupId)',
  'src/persistence/repositories/round-records.ts: lastSatOut':
    'a round channel found by channels(workspaceId) or roundSchedules',
  'src/persistence/repositories/round-records.ts: latestRound':
    'a round channel found by channels(workspaceId) or roundSchedules',
  'src/persistence/repositories/round-records.ts: setOutcome':
    'check-in locks the group with lockGroup(workspaceId, groupId) first',
};

const STARTS = new Set(['selectFrom', 'updateTable', 'deleteFrom', 'insertInto', 'mergeInto']);

/** workspace_id compared with a value: where('x.workspace_id', '=' | 'in', …), a values or
 * where object's `workspace_id:`, or a sql condition `workspace_id = ${…}` / `= any(${…})`. */
const SCOPED = [
  /['"](?:\w+\.)?workspace_id['"]\s*,\s*['"](?:=|in)['"]\s*,\s*(?!['"])/,
  /\bworkspace_id\s*:/,
  /\bworkspace_id\s*(?:=|in)\s*(?:any\s*\()?\s*\$\{/,
  /\binsert into \w+\s*\([^)]*\bworkspace_id\b/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

interface Query {
  /** `file: function`, the allow-list's key. */
  where: string;
  line: number;
  text: string;
}

/** The whole chain a call starts: `db.selectFrom(…).where(…)…execute()`. */
function chainOf(node: ts.Node): ts.Node {
  let top = node;
  for (;;) {
    const parent = top.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === top) top = parent;
    else if (ts.isCallExpression(parent) && parent.expression === top) top = parent;
    else if (ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) top = parent;
    else return top;
  }
}

/** The function a query is written in: a repository's method, or a named helper. */
function enclosingName(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) {
      return n.name.getText();
    }
    if (
      (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    ) {
      return n.name.getText();
    }
  }
  return '(module)';
}

function isSqlTemplate(node: ts.Node): node is ts.TaggedTemplateExpression {
  if (!ts.isTaggedTemplateExpression(node)) return false;
  const tag = ts.isCallExpression(node.tag) ? node.tag.expression : node.tag;
  return ts.isIdentifier(tag) && tag.text === 'sql';
}

/** A sql`` template run as a statement of its own, not a fragment inside a builder. */
function runsOnItsOwn(node: ts.TaggedTemplateExpression): boolean {
  const parent = node.parent;
  return (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === node &&
    parent.name.text === 'execute'
  );
}

/** Every query in a file, outermost chains only: a subquery is read with its outer query. */
function queriesIn(file: string): Query[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const chains: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        STARTS.has(node.expression.name.text)) ||
      (isSqlTemplate(node) && runsOnItsOwn(node))
    ) {
      chains.push(chainOf(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A sql`` template may interpolate fragments named in the same file (`where ${inPeriod}`).
  const fragments = new Map<string, string[]>();
  const collect = (node: ts.Node) => {
    if ((ts.isVariableDeclaration(node) && node.initializer) || ts.isFunctionDeclaration(node)) {
      const name = node.name?.getText() ?? '';
      fragments.set(name, [...(fragments.get(name) ?? []), node.getText()]);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const withFragments = (text: string) =>
    [text, ...[...text.matchAll(/\$\{\s*(\w+)/g)].flatMap((m) => fragments.get(m[1]!) ?? [])].join(
      '\n',
    );
  const inside = (a: ts.Node, b: ts.Node) => a !== b && a.pos >= b.pos && a.end <= b.end;
  return chains
    .filter((chain) => !chains.some((outer) => inside(chain, outer)))
    .map((chain) => ({
      where: `${path.relative(ROOT, file)}: ${enclosingName(chain)}`,
      line: source.getLineAndCharacterOfPosition(chain.getStart()).line + 1,
      text: withFragments(chain.getText()),
    }));
}

function tablesNamed(text: string, tables: string[]): string[] {
  return tables.filter((t) => new RegExp(`['"\\s]${t}(?:['"\\s]|$)`).test(text));
}

describe(`every query of a tenant table is scoped by workspace (${databaseLabel})`, () => {
  let database: TestDatabase;
  let tenantTables: string[];
  const queries = sourceFiles(path.join(ROOT, 'src')).flatMap(queriesIn);

  beforeAll(async () => {
    database = await openTestDatabase();
    const { rows } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where column_name = 'workspace_id' and table_schema = current_schema()`.execute(database.db);
    tenantTables = rows.map((r) => r.table_name);
  });
  afterAll(() => database?.close());

  it('finds the queries', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['members', 'kudos', 'deliveries']));
    expect(queries.length).toBeGreaterThan(100);
  });

  it('scopes each one by workspace_id, or names it as global by design', () => {
    const unscoped = queries
      .filter((q) => tablesNamed(q.text, tenantTables).length > 0)
      .filter((q) => !SCOPED.some((pattern) => pattern.test(q.text)))
      .map((q) => q.where);
    const allowed = { ...GLOBAL_BY_DESIGN, ...SCOPED_BY_PARENT };
    expect(unscoped.filter((where) => !(where in allowed))).toEqual([]);
    expect(Object.keys(allowed).filter((where) => !unscoped.includes(where))).toEqual([]);
  });
});
