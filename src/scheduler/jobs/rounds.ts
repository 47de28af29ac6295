import { dueWork } from '../../persistence/repositories/due-work';
import { latestWeeklySlot } from '../../core/domain/schedule';
import type { EveryWeeks } from '../../core/domain/schedule';
import type { JobDefinition } from '../job';
import { workspaceSchedules } from '../../persistence/repositories/workspace-schedules';

/** The "meet someone in another department" round, per round channel, on its own schedule. */
export const meetRoundJob: JobDefinition = {
  name: 'meet-round',
  description: "forms each round channel's groups and sends the intros",
  catchUpMs: 6 * 60 * 60 * 1000,
  async firings(now, ctx) {
    const workspaces = new Map(
      (await workspaceSchedules(ctx.db))
        .filter((w) => ctx.platforms.has(w.platform))
        .map((w) => [w.workspaceId, w]),
    );
    if (workspaces.size === 0) return [];
    const channels = await dueWork(ctx.db).roundSchedules([...workspaces.keys()]);
    return channels.map((c) => ({
      scope: c.id,
      slot: latestWeeklySlot(now, {
        weekday: c.weekday,
        hour: c.hour,
        everyWeeks: c.every_weeks as EveryWeeks,
        zone: c.timezone ?? workspaces.get(c.workspace_id)!.timezone,
      }),
    }));
  },
  async run({ scope, slot }, ctx) {
    const channel = await dueWork(ctx.db).roundChannel(scope);
    const roster = ctx.rosters?.[channel.platform];
    const channelMembers =
      channel.participation === 'channel' && roster
        ? await roster.members(
            { id: channel.workspace_id, externalId: channel.external_id },
            channel.channel_id,
          )
        : undefined;
    return ctx.useCases.runRound({
      workspaceId: channel.workspace_id,
      roundChannelId: scope,
      slot,
      ...(channelMembers && { channelMembers }),
    });
  },
};
