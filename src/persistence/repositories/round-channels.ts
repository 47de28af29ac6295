import { sql, type Kysely } from 'kysely';
import type { RoundChannel } from '../../core/domain/rounds';
import type { EveryWeeks } from '../../core/domain/schedule';
import type { RoundParticipant, RoundRepository } from '../../core/ports';
import type { Database } from '../schema';

type Row = Awaited<ReturnType<ReturnType<typeof selectChannels>['executeTakeFirstOrThrow']>>;

function selectChannels(db: Kysely<Database>, workspaceId: string) {
  return db.selectFrom('round_channels').selectAll().where('workspace_id', '=', workspaceId);
}

function toChannel(row: Row): RoundChannel {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    enabled: row.enabled,
    everyWeeks: row.every_weeks as EveryWeeks,
    weekday: row.weekday,
    hour: row.hour,
    timezone: row.timezone,
    groupSize: row.group_size,
    repeatWindowDays: row.repeat_window_days,
    participation: row.participation,
    leftover: row.leftover,
    checkinAfterDays: row.checkin_after_days,
  };
}

/** Round channels and who takes part in them. */
export function roundChannelRepository(
  db: Kysely<Database>,
): Pick<
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
    async channels(workspaceId) {
      const rows = await selectChannels(db, workspaceId).orderBy('created_at').execute();
      return rows.map(toChannel);
    },
    async channel(workspaceId, channelId) {
      const row = await selectChannels(db, workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? toChannel(row) : null;
    },
    async channelById(workspaceId, id) {
      const row = await selectChannels(db, workspaceId).where('id', '=', id).executeTakeFirst();
      return row ? toChannel(row) : null;
    },
    async saveChannel(workspaceId, s) {
      const values = {
        enabled: s.enabled,
        every_weeks: s.everyWeeks,
        weekday: s.weekday,
        hour: s.hour,
        timezone: s.timezone,
        group_size: s.groupSize,
        repeat_window_days: s.repeatWindowDays,
        participation: s.participation,
        leftover: s.leftover,
        checkin_after_days: s.checkinAfterDays,
      };
      const row = await db
        .insertInto('round_channels')
        .values({ workspace_id: workspaceId, channel_id: s.channelId, ...values })
        .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toChannel(row);
    },
    async participants(roundChannelId) {
      const rows = await db
        .selectFrom('round_participants')
        .selectAll()
        .where('round_channel_id', '=', roundChannelId)
        .orderBy('user_id')
        .execute();
      return rows.map((r): RoundParticipant => ({
        userId: r.user_id,
        status: r.status,
        outReason: r.out_reason,
        skipNext: r.skip_next,
        quietRounds: r.quiet_rounds,
      }));
    },
    async setQuietRounds(workspaceId, roundChannelId, counts) {
      for (let start = 0; start < counts.length; start += 1000) {
        await db
          .insertInto('round_participants')
          .values(
            counts.slice(start, start + 1000).map((c) => ({
              round_channel_id: roundChannelId,
              workspace_id: workspaceId,
              user_id: c.userId,
              status: 'in' as const,
              quiet_rounds: c.quietRounds,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['round_channel_id', 'user_id']).doUpdateSet((eb) => ({
              quiet_rounds: eb.ref('excluded.quiet_rounds'),
              updated_at: sql`now()`,
            })),
          )
          .execute();
      }
    },
    async setParticipant(workspaceId, roundChannelId, userId, change) {
      const values = {
        ...(change.status !== undefined && { status: change.status }),
        ...(change.outReason !== undefined && { out_reason: change.outReason }),
        ...(change.skipNext !== undefined && { skip_next: change.skipNext }),
        ...(change.quietRounds !== undefined && { quiet_rounds: change.quietRounds }),
      };
      await db
        .insertInto('round_participants')
        .values({
          round_channel_id: roundChannelId,
          workspace_id: workspaceId,
          user_id: userId,
          status: change.status ?? 'in',
          ...values,
        })
        .onConflict((oc) =>
          oc
            .columns(['round_channel_id', 'user_id'])
            .doUpdateSet({ ...values, updated_at: sql`now()` }),
        )
        .execute();
    },
  };
}
