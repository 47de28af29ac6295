import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FORGOTTEN_GIVER } from '../../../core/domain/member';
import type { ForgetCounts } from '../../../core/member-data-ports';
import type { Database } from '../../schema';
import { rememberForgotten } from './forgotten';
import { bucketNames, deliveryNames, listNames } from './naming';

type Db = Kysely<Database>;

/** Deletes the workspace's rows of `table` that match `where`; returns how many went. */
async function remove(db: Db, ws: string, table: keyof Database, where: RawBuilder<boolean>) {
  const r =
    await sql`delete from ${sql.table(table)} where workspace_id = ${ws} and ${where}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Kudos: those received lose the member (and go if nobody else was thanked); those given stay. */
async function eraseKudos(db: Db, ws: string, me: { userId: string; name: string }, as: string) {
  const received = (
    await db
      .selectFrom('kudos_recipients')
      .select('kudos_id')
      .where('workspace_id', '=', ws)
      .where('recipient_id', '=', me.userId)
      .execute()
  ).map((r) => r.kudos_id);
  if (received.length > 0) {
    // Rapport wrote "@<name>" where the giver mentioned them: the kudos others keep say who else.
    await db
      .updateTable('kudos')
      .set({ message: sql`replace(message, ${`@${me.name}`}, ${`@${as}`})` })
      .where('workspace_id', '=', ws)
      .where('id', 'in', received)
      .execute();
    await remove(db, ws, 'kudos_recipients', sql`recipient_id = ${me.userId}`);
    await remove(
      db,
      ws,
      'kudos',
      sql`id in (${sql.join(received)}) and not exists (
        select 1 from kudos_recipients r where r.kudos_id = kudos.id)`,
    );
  }
  const given = await db
    .updateTable('kudos')
    .set({ giver_id: FORGOTTEN_GIVER })
    .where('workspace_id', '=', ws)
    .where('giver_id', '=', me.userId)
    .executeTakeFirst();
  return { kudosReceived: received.length, kudosGivenKept: Number(given.numUpdatedRows) };
}

/** Deletes every row that names the member, in the caller's transaction: see MemberDataRepository. */
export async function eraseMember(
  db: Db,
  ws: string,
  me: { userId: string; name: string; mentionedAs: string },
  at: Date,
): Promise<ForgetCounts> {
  const id = me.userId;
  const either = (a: string, b: string) =>
    sql<boolean>`(${sql.ref(a)} = ${id} or ${sql.ref(b)} = ${id})`;
  const is = (column: string) => sql<boolean>`${sql.ref(column)} = ${id}`;
  // FOR UPDATE, not the members repository's FOR NO KEY UPDATE: a kudos or an interaction
  // naming them, written meanwhile, waits for this transaction instead of slipping in between
  // the deletes and leaving a row that points at nobody.
  await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', ws)
    .where('user_id', '=', id)
    .forUpdate()
    .execute();
  const messages = await remove(db, ws, 'deliveries', deliveryNames(id));
  await remove(db, ws, 'delivery_pacing', bucketNames(id));
  const followups = await remove(db, ws, 'reminders', either('member_id', 'other_member_id'));
  const interactions = await remove(db, ws, 'interactions', either('member_id', 'other_member_id'));
  // The person both know leaves an introduction; the two it is for keep it.
  const asMutual = await db
    .updateTable('introductions')
    .set({ mutual_id: null, mutual_joins: null })
    .where('workspace_id', '=', ws)
    .where('mutual_id', '=', id)
    .executeTakeFirst();
  const introductions =
    Number(asMutual.numUpdatedRows) +
    (await remove(db, ws, 'introductions', either('requester_id', 'target_id')));
  const mentorships = await remove(
    db,
    ws,
    'mentorships',
    sql`(${either('mentor_id', 'mentee_id')} or declared_by = ${id})`,
  );
  const snoozes = await remove(
    db,
    ws,
    'suggestion_snoozes',
    either('member_id', 'other_member_id'),
  );
  // Worked-out lists, not records: theirs goes, and others' naming them are worked out again.
  await remove(db, ws, 'member_suggestions', sql`(${is('member_id')} or ${listNames(id)})`);
  const welcome = await remove(db, ws, 'welcomes', is('user_id'));
  // A group they were in stays, with the others in it, so the round's record (groups formed,
  // who met) stays true for them and for admins; only their place in it goes.
  let roundRecords = 0;
  for (const table of ['round_participants', 'round_group_members', 'round_absences'] as const)
    roundRecords += await remove(db, ws, table, is('user_id'));
  const kudos = await eraseKudos(db, ws, me, me.mentionedAs);
  const platformRecords =
    (await remove(db, ws, 'teams_users', is('user_id'))) +
    (await remove(db, ws, 'teams_conversations', is('user_id')));
  const files = await remove(db, ws, 'file_links', is('user_id'));
  await db
    .updateTable('members')
    .set({ manager_id: null })
    .where('workspace_id', '=', ws)
    .where('manager_id', '=', id)
    .execute();
  const gone = await db
    .deleteFrom('members')
    .where('workspace_id', '=', ws)
    .where('user_id', '=', id)
    .returning('department_id')
    .executeTakeFirst();
  // A department nobody else is in held only what they said of themselves.
  if (gone?.department_id)
    await db
      .deleteFrom('departments')
      .where('workspace_id', '=', ws)
      .where('id', '=', gone.department_id)
      .where(
        sql<boolean>`not exists (select 1 from members m
        where m.workspace_id = departments.workspace_id and m.department_id = departments.id)`,
      )
      .execute();
  await rememberForgotten(db, ws, id, at);
  return {
    profile: gone ? 1 : 0,
    interactions,
    followups,
    introductions,
    mentorships,
    roundRecords,
    ...kudos,
    messages,
    snoozes,
    welcome,
    platformRecords,
    files,
  };
}
