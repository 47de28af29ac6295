import { sql, type Kysely } from 'kysely';
import type { MemberRecords } from '../../../core/member-data-ports';
import { kudosWithRecipients, toRecord } from '../kudos';
import type { OutboundMessage } from '../../../core/domain/outbound';
import type { Database } from '../../schema';
import { toIntroduction } from '../introductions';
import { memberRepository } from '../members';
import { toReminder } from '../reminders';
import { deliveryGoesTo, deliveryNames, listNames } from './naming';

type Db = Kysely<Database>;

const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);

/** Other people's records that name the member: counted, never read. */
async function othersRecords(db: Db, ws: string, me: string) {
  const n = sql<number>`count(*)`.as('n');
  return {
    followups: await count(
      db
        .selectFrom('reminders')
        .select(n)
        .where('workspace_id', '=', ws)
        .where('other_member_id', '=', me)
        .executeTakeFirstOrThrow(),
    ),
    snoozes: await count(
      db
        .selectFrom('suggestion_snoozes')
        .select(n)
        .where('workspace_id', '=', ws)
        .where('other_member_id', '=', me)
        .executeTakeFirstOrThrow(),
    ),
    suggestions: await count(
      db
        .selectFrom('member_suggestions')
        .select(n)
        .where('workspace_id', '=', ws)
        .where(listNames(me))
        .executeTakeFirstOrThrow(),
    ),
    reports: await count(
      db
        .selectFrom('members')
        .select(n)
        .where('workspace_id', '=', ws)
        .where('manager_id', '=', me)
        .executeTakeFirstOrThrow(),
    ),
    deliveries: await count(
      db
        .selectFrom('deliveries')
        .select(n)
        .where('workspace_id', '=', ws)
        .where(deliveryNames(me))
        .where(sql<boolean>`not ${deliveryGoesTo(me)}`)
        .executeTakeFirstOrThrow(),
    ),
  };
}

/** Their part in intro rounds: channels, groups (with the others in them), rounds sat out. */
async function rounds(db: Db, ws: string, me: string) {
  const channels = await db
    .selectFrom('round_participants as p')
    .innerJoin('round_channels as c', 'c.id', 'p.round_channel_id')
    .select([
      'c.channel_id',
      'p.status',
      'p.out_reason',
      'p.skip_next',
      'p.quiet_rounds',
      'p.updated_at',
    ])
    .where('p.workspace_id', '=', ws)
    .where('p.user_id', '=', me)
    .orderBy('c.channel_id')
    .execute();
  const groups = await db
    .selectFrom('round_group_members as m')
    .innerJoin('round_groups as g', 'g.id', 'm.group_id')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .innerJoin('round_channels as c', 'c.id', 'r.round_channel_id')
    .select([
      'c.channel_id',
      'r.slot',
      'm.response',
      'm.responded_at',
      'g.outcome',
      sql<string[]>`coalesce((select array_agg(o.user_id order by o.user_id)
        from round_group_members o where o.group_id = g.id and o.user_id <> m.user_id), '{}')`.as(
        'with_ids',
      ),
    ])
    .where('m.workspace_id', '=', ws)
    .where('m.user_id', '=', me)
    .orderBy('r.slot')
    .execute();
  const absences = await db
    .selectFrom('round_absences as a')
    .innerJoin('rounds as r', 'r.id', 'a.round_id')
    .innerJoin('round_channels as c', 'c.id', 'r.round_channel_id')
    .select(['c.channel_id', 'r.slot', 'a.reason'])
    .where('a.workspace_id', '=', ws)
    .where('a.user_id', '=', me)
    .orderBy('r.slot')
    .execute();
  return {
    roundChannels: channels.map((c) => ({
      channelId: c.channel_id,
      status: c.status,
      outReason: c.out_reason,
      skipNext: c.skip_next,
      quietRounds: c.quiet_rounds,
      updatedAt: c.updated_at,
    })),
    roundGroups: groups.map((g) => ({
      channelId: g.channel_id,
      slot: g.slot,
      withIds: g.with_ids,
      response: g.response,
      respondedAt: g.responded_at,
      outcome: g.outcome,
    })),
    roundAbsences: absences.map((a) => ({
      channelId: a.channel_id,
      slot: a.slot,
      reason: a.reason,
    })),
  };
}

/** Everything stored that names a member, for their export; null if they are not a member. */
export async function collectMemberRecords(
  db: Db,
  ws: string,
  me: string,
): Promise<MemberRecords | null> {
  const member = await memberRepository(db).find(ws, me);
  if (!member) return null;
  const extra = await db
    .selectFrom('members')
    .select(['department_source', 'updated_at'])
    .where('workspace_id', '=', ws)
    .where('user_id', '=', me)
    .executeTakeFirstOrThrow();
  const teams = await db
    .selectFrom('teams_users')
    .select(['teams_id', 'upn', 'email'])
    .where('workspace_id', '=', ws)
    .where('user_id', '=', me)
    .executeTakeFirst();
  const chats = await db
    .selectFrom('teams_conversations')
    .select(['conversation_id', 'updated_at'])
    .where('workspace_id', '=', ws)
    .where('user_id', '=', me)
    .orderBy('updated_at')
    .execute();
  const files = await db
    .selectFrom('file_links')
    .select(['filename', 'expires_at'])
    .where('workspace_id', '=', ws)
    .where('user_id', '=', me)
    .orderBy('expires_at')
    .execute();
  const given = await kudosWithRecipients(db, ws)
    .orderBy('k.created_at')
    .where('k.giver_id', '=', me)
    .execute();
  const received = await kudosWithRecipients(db, ws)
    .orderBy('k.created_at')
    .where(
      sql<boolean>`exists (select 1 from kudos_recipients r
      where r.kudos_id = k.id and r.recipient_id = ${me})`,
    )
    .execute();
  const interactions = await db
    .selectFrom('interactions')
    .select(['member_id', 'other_member_id', 'kind', 'source', 'occurred_at'])
    .where('workspace_id', '=', ws)
    .where((eb) => eb.or([eb('member_id', '=', me), eb('other_member_id', '=', me)]))
    .orderBy('occurred_at')
    .execute();
  const reminders = await db
    .selectFrom('reminders')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('member_id', '=', me)
    .orderBy('created_at')
    .execute();
  const introductions = await db
    .selectFrom('introductions')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where((eb) =>
      eb.or([eb('requester_id', '=', me), eb('target_id', '=', me), eb('mutual_id', '=', me)]),
    )
    .orderBy('created_at')
    .execute();
  const mentorships = await db
    .selectFrom('mentorships')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where((eb) =>
      eb.or([eb('mentor_id', '=', me), eb('mentee_id', '=', me), eb('declared_by', '=', me)]),
    )
    .orderBy('created_at')
    .execute();
  const snoozes = await db
    .selectFrom('suggestion_snoozes')
    .select(['other_member_id', 'until'])
    .where('workspace_id', '=', ws)
    .where('member_id', '=', me)
    .orderBy('until')
    .execute();
  const suggestions = await db
    .selectFrom('member_suggestions')
    .select(['suggested_ids', 'computed_at'])
    .where('workspace_id', '=', ws)
    .where('member_id', '=', me)
    .executeTakeFirst();
  const welcome = await db
    .selectFrom('welcomes')
    .select(['joined_at', 'due_at', 'queued_at'])
    .where('workspace_id', '=', ws)
    .where('user_id', '=', me)
    .executeTakeFirst();
  const deliveries = await db
    .selectFrom('deliveries')
    .select(['message', 'status', 'created_at', 'finished_at'])
    .where('workspace_id', '=', ws)
    .where(deliveryGoesTo(me))
    .orderBy('created_at')
    .execute();
  return {
    member: { ...member, departmentSource: extra.department_source, updatedAt: extra.updated_at },
    teamsAccount: teams ? { teamsId: teams.teams_id, upn: teams.upn, email: teams.email } : null,
    personalChats: chats.map((c) => ({ conversationId: c.conversation_id, since: c.updated_at })),
    fileLinks: files.map((f) => ({ filename: f.filename, until: f.expires_at })),
    kudosGiven: given.map(toRecord),
    kudosReceived: received.map(toRecord),
    interactions: interactions.map((i) => ({
      otherId: i.member_id === me ? i.other_member_id : i.member_id,
      kind: i.kind,
      source: i.source,
      at: i.occurred_at,
      recordedFor: i.member_id === me ? 'member' : 'other',
    })),
    reminders: reminders.map(toReminder),
    introductions: introductions.map(toIntroduction),
    mentorships: mentorships.map((m) => ({
      mentorId: m.mentor_id,
      menteeId: m.mentee_id,
      declaredBy: m.declared_by,
      at: m.created_at,
    })),
    ...(await rounds(db, ws, me)),
    snoozes: snoozes.map((s) => ({ otherId: s.other_member_id, until: s.until })),
    suggestions: suggestions
      ? { computedAt: suggestions.computed_at, userIds: suggestions.suggested_ids }
      : null,
    welcome: welcome
      ? { joinedAt: welcome.joined_at, dueAt: welcome.due_at, queuedAt: welcome.queued_at }
      : null,
    deliveries: deliveries.map((d) => ({
      kind: (d.message as OutboundMessage).kind,
      status: d.status,
      queuedAt: d.created_at,
      finishedAt: d.finished_at,
    })),
    othersRecords: await othersRecords(db, ws, me),
  };
}
