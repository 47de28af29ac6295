import { latestWeeklySlot } from '../../core/domain/schedule';
import type { JobDefinition } from '../job';
import { workspaceSchedules } from '../../persistence/repositories/workspace-schedules';

/** Wednesdays at 10:00 in the workspace's zone; each DM waits for its member's working day. */
export const WEEKLY_NETWORK_SLOT = { weekday: 3, hour: 10 };

/** Once a week: keep-in-touch nudges and introduction suggestions, one DM a member at most. */
export const weeklyNetworkJob: JobDefinition = {
  name: 'keep-in-touch',
  description: 'weekly DMs: relationships going cold and people to meet',
  catchUpMs: 20 * 60 * 60 * 1000,
  async firings(now, ctx) {
    const schedules = await workspaceSchedules(ctx.db);
    return schedules
      .filter((s) => ctx.platforms.has(s.platform))
      .map((s) => ({
        scope: s.workspaceId,
        slot: latestWeeklySlot(now, { ...WEEKLY_NETWORK_SLOT, everyWeeks: 1, zone: s.timezone }),
      }));
  },
  run: (firing, ctx) => ctx.useCases.weeklyNetwork(firing.scope, firing.slot),
};
