/**
 * Many workspaces of a Rapport that has run for two years: members and interactions (see
 * organisation.ts), kudos with their recipients, weekly rounds in one channel with every
 * group's members, the last weeks' deliveries, reminders and introductions. Everything is made
 * by set-based SQL, a workspace at a time, then ANALYZEd: without statistics the planner guesses
 * a few rows a table and picks plans production never would.
 */
import { sql, type Kysely } from 'kysely';
import { ensureWorkspace, saveSettings } from '../../src/persistence/repositories/directory';
import type { Database } from '../../src/persistence/schema';
import { seedOrganisation } from './organisation';

export interface WorkspaceSize {
  members: number;
  interactions: number;
  kudos: number;
  /** Weekly rounds, the newest last week. */
  roundWeeks: number;
}

export interface SeededWorkspace extends WorkspaceSize {
  id: string;
  externalId: string;
  roundChannelId: string;
}

const SEEDED_TABLES = [
  'workspaces',
  'workspace_settings',
  'departments',
  'members',
  'interactions',
  'kudos',
  'kudos_recipients',
  'round_channels',
  'round_participants',
  'rounds',
  'round_groups',
  'round_group_members',
  'round_absences',
  'deliveries',
  'reminders',
  'introductions',
] as const;

export const KUDOS_CHANNEL = 'CKUDOS';
export const ROUND_CHANNEL = 'CROUNDS';

/**
 * The benchmark's 50 workspaces: one of 10,000 members with a million interactions, 200,000
 * kudos and two years of rounds, and 49 of 50 to 2,000 members, so that a query that does not
 * narrow to its workspace first reads several times the rows it needs.
 */
export function benchmarkWorkspaces(): WorkspaceSize[] {
  const smaller = Array.from({ length: 49 }, (_v, k) => {
    const members = Math.round(50 + (1950 * k * k) / (48 * 48));
    return { members, interactions: members * 60, kudos: members * 12, roundWeeks: 104 };
  });
  return [
    { members: 10_000, interactions: 1_000_000, kudos: 200_000, roundWeeks: 104 },
    ...smaller,
  ];
}

/** The departments a workspace of this size has: about one for 250 people, at least 3, at most 40. */
const departmentsFor = (members: number) => Math.min(40, Math.max(3, Math.round(members / 250)));

export async function seedScale(
  db: Kysely<Database>,
  sizes: WorkspaceSize[],
  now: Date,
  progress: (done: number) => void = () => undefined,
): Promise<SeededWorkspace[]> {
  const seeded: SeededWorkspace[] = [];
  for (const [n, size] of sizes.entries()) {
    const externalId = `T${String(n).padStart(4, '0')}`;
    const id = await ensureWorkspace(db, { platform: 'slack', externalId, name: `Bench ${n}` });
    await saveSettings(db, id, { timezone: 'Europe/London', kudosChannelId: KUDOS_CHANNEL });
    await seedOrganisation(db, {
      workspaceId: id,
      members: size.members,
      departments: departmentsFor(size.members),
      interactions: size.interactions,
      now,
    });
    await seedKudos(db, id, size, now);
    const roundChannelId = await seedRounds(db, id, size, now);
    await seedRecentWork(db, id, size, now);
    seeded.push({ ...size, id, externalId, roundChannelId });
    progress(n + 1);
  }
  // Statistics, as autovacuum would have them (this schema's tables only: a bare ANALYZE
  // would visit every schema in a shared database).
  for (const table of SEEDED_TABLES) await sql`analyze ${sql.table(table)}`.execute(db);
  return seeded;
}

const member = (expression: string) => sql.raw(`'u' || lpad((${expression})::text, 5, '0')`);

async function seedKudos(db: Kysely<Database>, ws: string, size: WorkspaceSize, now: Date) {
  const n = size.members;
  await sql`
    insert into kudos (workspace_id, giver_id, message, "values", channel_id, source_key, created_at)
    select ${ws}::uuid, ${member(`floor(random() * ${n})::int`)}, 'Thank you for the help',
           array['Teamwork'], ${KUDOS_CHANNEL}, 'bench:' || k,
           ${now}::timestamptz - random() * interval '730 days'
    from generate_series(1, ${size.kudos}) as k
  `.execute(db);
  // One recipient each, never the giver; one in five thanks a second person too.
  await sql`
    insert into kudos_recipients (kudos_id, workspace_id, recipient_id)
    select id, workspace_id, ${member(`(substr(giver_id, 2)::int + 1 + floor(random() * ${n - 1})::int) % ${n}`)}
    from kudos where workspace_id = ${ws}::uuid
    union
    select id, workspace_id, ${member(`(substr(giver_id, 2)::int + ${n - 1}) % ${n}`)}
    from kudos where workspace_id = ${ws}::uuid and random() < 0.2
    on conflict do nothing
  `.execute(db);
}

/** A weekly round in one channel everyone is in: each week everyone in pairs, shuffled. */
async function seedRounds(db: Kysely<Database>, ws: string, size: WorkspaceSize, now: Date) {
  const channel = await db
    .insertInto('round_channels')
    .values({ workspace_id: ws, channel_id: ROUND_CHANNEL, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into round_participants (round_channel_id, workspace_id, user_id, status, updated_at)
    select ${channel.id}::uuid, ${ws}::uuid, user_id, 'in', ${now}::timestamptz
    from members where workspace_id = ${ws}::uuid
  `.execute(db);
  await sql`
    insert into rounds (round_channel_id, workspace_id, slot, checkin_at, created_at)
    select ${channel.id}::uuid, ${ws}::uuid, s, s + interval '3 days', s
    from (select ${now}::timestamptz - w * interval '7 days' as s
          from generate_series(1, ${size.roundWeeks}) as w) slots
  `.execute(db);
  const groups = Math.floor(size.members / 2);
  await sql`
    insert into round_groups (round_id, workspace_id, position, outcome, met_at)
    select id, workspace_id, p, case when met then 'met' end, case when met then checkin_at end
    from (select r.id, r.workspace_id, r.checkin_at, p, random() < 0.6 as met
          from rounds r, generate_series(0, ${groups - 1}) as p
          where r.workspace_id = ${ws}::uuid) g
  `.execute(db);
  await sql`
    insert into round_group_members (group_id, workspace_id, user_id, response, responded_at)
    select g.id, g.workspace_id, ranked.user_id, g.outcome, g.met_at
    from (
      select r.id as round_id, m.user_id,
             row_number() over (partition by r.id order by md5(m.user_id || r.id::text)) - 1 as rn
      from rounds r join members m on m.workspace_id = r.workspace_id
      where r.workspace_id = ${ws}::uuid
    ) ranked
    join round_groups g on g.round_id = ranked.round_id and g.position = ranked.rn / 2
    where g.workspace_id = ${ws}::uuid
  `.execute(db);
  // Three in a hundred away each week (paused, or the odd one out), who are in no group.
  await sql`
    with away as (
      delete from round_group_members m
      using round_groups g
      where g.id = m.group_id and g.workspace_id = ${ws}::uuid and m.workspace_id = ${ws}::uuid
        and random() < 0.03
      returning g.round_id, m.user_id
    )
    insert into round_absences (round_id, workspace_id, user_id, reason)
    select round_id, ${ws}::uuid, user_id,
           case when random() < 0.8 then 'paused' else 'odd_one_out' end
    from away
  `.execute(db);
  return channel.id;
}

/**
 * What the last weeks leave behind (the retention job deletes older deliveries): five sent
 * messages per member over three weeks and a few dead ones, a reminder or two per member, and
 * an introduction for one member in two.
 */
async function seedRecentWork(db: Kysely<Database>, ws: string, size: WorkspaceSize, now: Date) {
  const n = size.members;
  await sql`
    insert into deliveries (workspace_id, dedupe_key, target, member_ids, message, status,
                            available_at, next_attempt_at, created_at, finished_at, attempts,
                            last_error)
    select ${ws}::uuid, 'bench:' || k,
           jsonb_build_object('type', 'member', 'userId', u), array[u],
           jsonb_build_object('kind', 'kudos_prompt', 'values', array['Teamwork']),
           case when k % 200 = 0 then 'dead' else 'sent' end, at, at, at, at + interval '2 seconds',
           1, case when k % 200 = 0 then 'channel_not_found' end
    from (select k, ${member(`k % ${n}`)} as u,
                 ${now}::timestamptz - random() * interval '21 days' as at
          from generate_series(1, ${n * 5}) as k) d
  `.execute(db);
  await sql`
    insert into reminders (workspace_id, member_id, other_member_id, about, due_at, status, origin,
                           source_ref, created_at, done_at)
    select ${ws}::uuid, ${member(`k % ${n}`)}, ${member(`(k + 1 + k / ${n}) % ${n}`)}, null, due,
           case when due > ${now}::timestamptz - interval '1 day' then 'pending' else 'done' end, 'manual',
           'bench:' || k, due - interval '14 days',
           case when due <= ${now}::timestamptz - interval '1 day' then due end
    from (select k, ${now}::timestamptz + (random() * 400 - 365) * interval '1 day' as due
          from generate_series(0, ${n * 2 - 1}) as k) r
  `.execute(db);
  await sql`
    insert into introductions (workspace_id, requester_id, target_id, pair_key, status, origin,
                               source_ref, created_at, answered_at)
    select ${ws}::uuid, a, b, least(a, b) || '|' || greatest(a, b),
           case when k % 10 = 0 then 'asked' else 'opened' end, 'suggestion', 'bench:' || k,
           at, case when k % 10 <> 0 then at + interval '1 day' end
    from (select k, ${member(`(k * 2) % ${n}`)} as a, ${member(`(k * 2 + 7) % ${n}`)} as b,
                 ${now}::timestamptz - random() * interval '365 days' as at
          from generate_series(0, ${Math.floor(n / 2) - 1}) as k) i
    on conflict do nothing
  `.execute(db);
}
