/**
 * A made-up organisation for the database benchmarks (and the query-plan test): departments of
 * skewed sizes, members, and interactions over two years, made by the database itself with
 * generate_series so that a million rows take seconds, not an hour of round trips.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/persistence/schema';

export const ZONES = [
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Europe/Berlin',
  'Asia/Tokyo',
];

/** Member i's user id: u00042. The same ids in every workspace, so only the workspace tells them apart. */
export const memberId = (i: number) => `u${String(i).padStart(5, '0')}`;

/** Department sizes falling off as 1/(k+1), like real organisations. */
export function departmentSizes(members: number, departments: number): number[] {
  const weights = Array.from({ length: departments }, (_v, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / total) * members)));
  sizes[0]! += members - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

export interface OrganisationSpec {
  workspaceId: string;
  members: number;
  departments: number;
  interactions: number;
  /** The end of the two years the interactions fall in. */
  now: Date;
}

/**
 * Departments and members (member i in the department whose run of numbers holds i), then the
 * interactions: seven in ten with one of the thirty colleagues nearest in one's own department
 * (a working circle), the rest with anyone; kudos most common, then meetings and follow-ups.
 * Random but seeded (setseed): the same organisation every run.
 */
export function seedOrganisation(db: Kysely<Database>, spec: OrganisationSpec) {
  // One connection throughout: the temporary table lives on it.
  return db.connection().execute((conn) => seedOn(conn, spec));
}

async function seedOn(db: Kysely<Database>, spec: OrganisationSpec) {
  const { workspaceId, members, departments, interactions, now } = spec;
  const sizes = departmentSizes(members, departments);
  const departmentIds = (
    await db
      .insertInto('departments')
      .values(sizes.map((_s, d) => ({ workspace_id: workspaceId, name: `Department ${d + 1}` })))
      .returning('id')
      .execute()
  ).map((row) => row.id);
  // Each department occupies a run of member numbers: [first, first + size).
  const firsts = sizes.map((_s, d) => sizes.slice(0, d).reduce((a, b) => a + b, 0));
  await sql`drop table if exists bench_departments`.execute(db);
  await sql`
    create temporary table bench_departments (d int primary key, id uuid, first int, size int)
  `.execute(db);
  await sql`insert into bench_departments values ${sql.join(
    sizes.map((size, d) => sql`(${d}, ${departmentIds[d]!}::uuid, ${firsts[d]!}, ${size})`),
  )}`.execute(db);
  await sql`
    insert into members (workspace_id, user_id, name, department_id, timezone, joined_at, updated_at)
    select ${workspaceId}::uuid, 'u' || lpad(i::text, 5, '0'), 'Member ' || i, dep.id,
           (${sql.val(ZONES)}::text[])[1 + i % ${ZONES.length}],
           ${now}::timestamptz - interval '800 days', ${now}::timestamptz
    from generate_series(0, ${members - 1}) as i
    join bench_departments dep on i >= dep.first and i < dep.first + dep.size
  `.execute(db);
  await sql`select setseed(0.42)`.execute(db);
  const batch = 100_000;
  for (let start = 0; start < interactions; start += batch)
    await sql`
      insert into interactions
        (workspace_id, member_id, other_member_id, kind, source, source_ref, occurred_at)
      select ${workspaceId}::uuid, 'u' || lpad(a::text, 5, '0'), 'u' || lpad(b::text, 5, '0'),
             'peer', source, 'bench:' || k, ${now}::timestamptz - (age_days || ' days')::interval
      from (
        select k, a,
          case when r < 0.7 then dep.first + (a - dep.first + 1
                 + floor(random() * least(30, greatest(dep.size - 1, 1)))::int) % dep.size
               else floor(random() * ${members})::int end as b,
          case when s < 0.6 then 'kudos' when s < 0.8 then 'round'
               when s < 0.95 then 'followup' else 'manual' end as source,
          floor(random() * 730)::int as age_days
        from (
          select k, floor(random() * ${members})::int as a, random() as r, random() as s
          from generate_series(${start}::int, ${Math.min(start + batch, interactions) - 1}::int) as k
        ) pick
        join bench_departments dep on pick.a >= dep.first and pick.a < dep.first + dep.size
      ) chosen
      where a <> b
    `.execute(db);
  await sql`drop table bench_departments`.execute(db);
  return { departmentIds, sizes };
}
