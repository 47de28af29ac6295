import type { Kysely } from 'kysely';
import type { CheckinResponse, RoundGroupState, RoundRepository } from '../../core/ports';
import type { Database } from '../schema';

async function groupsOf(db: Kysely<Database>, roundId: string): Promise<RoundGroupState[]> {
  const rows = await db
    .selectFrom('round_groups as g')
    .innerJoin('round_group_members as m', 'm.group_id', 'g.id')
    .select(['g.id', 'g.position', 'g.outcome', 'm.user_id', 'm.response'])
    .where('g.round_id', '=', roundId)
    .orderBy('g.position')
    .orderBy('m.user_id')
    .execute();
  const groups = new Map<string, RoundGroupState>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? {
      id: r.id,
      position: r.position,
      outcome: r.outcome,
      members: [],
    };
    g.members.push({ userId: r.user_id, response: r.response });
    groups.set(r.id, g);
  }
  return [...groups.values()];
}

/** Rounds, their groups and check-in answers: the record an admin can read. */
export function roundRecordRepository(
  db: Kysely<Database>,
): Omit<
  RoundRepository,
  | 'channels'
  | 'channel'
  | 'channelById'
  | 'saveChannel'
  | 'participants'
  | 'setParticipant'
  | 'setQuietRounds'
> {
  return {
    async history(workspaceId, since) {
      const rows = await db
        .selectFrom('rounds as r')
        .innerJoin('round_groups as g', 'g.round_id', 'r.id')
        .innerJoin('round_group_members as m', 'm.group_id', 'g.id')
        .select(['g.id', 'r.slot', 'm.user_id'])
        .where('r.workspace_id', '=', workspaceId)
        .where('r.slot', '>=', since)
        .execute();
      const groups = new Map<string, { members: string[]; at: Date }>();
      for (const r of rows) {
        const g = groups.get(r.id) ?? { members: [], at: r.slot };
        g.members.push(r.user_id);
        groups.set(r.id, g);
      }
      return [...groups.values()];
    },

    async lastSatOut(roundChannelId) {
      const rows = await db
        .selectFrom('round_absences as a')
        .innerJoin('rounds as r', 'r.id', 'a.round_id')
        .select(['a.user_id', (eb) => eb.fn.max('r.slot').as('at')])
        .where('r.round_channel_id', '=', roundChannelId)
        .where('a.reason', '=', 'odd_one_out')
        .groupBy('a.user_id')
        .execute();
      return new Map(rows.map((r) => [r.user_id, new Date(r.at)]));
    },

    async createRound(workspaceId, round) {
      const created = await db
        .insertInto('rounds')
        .values({
          round_channel_id: round.roundChannelId,
          workspace_id: workspaceId,
          slot: round.slot,
          checkin_at: round.checkinAt,
          created_at: round.createdAt,
          department_pairs: round.departmentPairs ?? null,
          department_pairs_bound: round.departmentPairsBound ?? null,
        })
        .onConflict((oc) => oc.columns(['round_channel_id', 'slot']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!created) return null;
      // In batches: a round of 10,000 people is 5,000 groups.
      const groupIds: string[] = [];
      for (let start = 0; start < round.groups.length; start += 1000) {
        const batch = round.groups.slice(start, start + 1000);
        const rows = await db
          .insertInto('round_groups')
          .values(
            batch.map((_m, i) => ({
              round_id: created.id,
              workspace_id: workspaceId,
              position: start + i,
            })),
          )
          .returning(['id', 'position'])
          .execute();
        const byPosition = new Map(rows.map((r) => [r.position, r.id]));
        const ids = batch.map((_m, i) => byPosition.get(start + i)!);
        groupIds.push(...ids);
        await db
          .insertInto('round_group_members')
          .values(
            batch.flatMap((members, i) =>
              members.map((userId) => ({
                group_id: ids[i]!,
                workspace_id: workspaceId,
                user_id: userId,
              })),
            ),
          )
          .execute();
      }
      if (round.absences.length > 0)
        await db
          .insertInto('round_absences')
          .values(
            round.absences.map((a) => ({
              round_id: created.id,
              workspace_id: workspaceId,
              user_id: a.userId,
              reason: a.reason,
            })),
          )
          .execute();
      return { id: created.id, groupIds };
    },

    async latestRound(roundChannelId, before) {
      let query = db
        .selectFrom('rounds')
        .selectAll()
        .where('round_channel_id', '=', roundChannelId)
        .orderBy('slot', 'desc')
        .limit(1);
      if (before) query = query.where('slot', '<', before);
      const round = await query.executeTakeFirst();
      if (!round) return null;
      const absences = await db
        .selectFrom('round_absences')
        .select(['user_id', 'reason'])
        .where('round_id', '=', round.id)
        .orderBy('user_id')
        .execute();
      return {
        id: round.id,
        roundChannelId,
        slot: round.slot,
        checkinAt: round.checkin_at,
        groups: await groupsOf(db, round.id),
        absences: absences.map((a) => ({ userId: a.user_id, reason: a.reason })),
        departmentPairs: round.department_pairs,
        departmentPairsBound: round.department_pairs_bound,
      };
    },

    async lockGroup(workspaceId, groupId) {
      const row = await db
        .selectFrom('round_groups as g')
        .innerJoin('rounds as r', 'r.id', 'g.round_id')
        .select(['g.id', 'g.round_id', 'r.round_channel_id', 'r.slot'])
        .where('g.workspace_id', '=', workspaceId)
        .where('g.id', '=', groupId)
        .forUpdate('g')
        .executeTakeFirst();
      if (!row) return null;
      const group = (await groupsOf(db, row.round_id)).find((g) => g.id === groupId)!;
      return { ...group, roundChannelId: row.round_channel_id, slot: row.slot };
    },

    async respond(workspaceId, groupId, userId, response: CheckinResponse, at) {
      await db
        .updateTable('round_group_members')
        .set({ response, responded_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .execute();
    },

    async setOutcome(groupId, outcome, at) {
      await db
        .updateTable('round_groups')
        .set({ outcome, ...(outcome === 'met' ? { met_at: at } : {}) })
        .where('id', '=', groupId)
        .execute();
    },
  };
}
