import { latestDailySlot } from '../../core/domain/schedule';
import { workspaceSchedules } from '../../persistence/repositories/workspace-schedules';
import type { JobContext, JobDefinition } from '../job';

const HOUR_MS = 60 * 60 * 1000;
/** Before most people's working day, in the workspace's zone. */
export const SUGGESTION_LISTS_HOUR = 4;

const connected = async (ctx: JobContext) =>
  (await workspaceSchedules(ctx.db)).filter((s) => ctx.platforms.has(s.platform));

/**
 * Once a day: every member's people to meet, for the Home view, in one pass over each
 * workspace (seconds at ten thousand members, against a third of a second per Home open).
 */
export const suggestionListsJob: JobDefinition = {
  name: 'suggestion-lists',
  description: "works out every member's people to meet, which the Home view reads",
  catchUpMs: 20 * HOUR_MS,
  async firings(now, ctx) {
    return (await connected(ctx)).map((s) => ({
      scope: s.workspaceId,
      slot: latestDailySlot(now, SUGGESTION_LISTS_HOUR, s.timezone),
    }));
  },
  run: (firing, ctx) => ctx.useCases.suggestionLists(firing.scope),
};

/** Every hour: the insights headline admins' Home views show, so that no open works it out. */
export const insightsHeadlineJob: JobDefinition = {
  name: 'insights-headline',
  description: "works out the 12-week insights headline that admins' Home views show",
  catchUpMs: HOUR_MS,
  async firings(now, ctx) {
    const slot = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    return (await connected(ctx)).map((s) => ({ scope: s.workspaceId, slot }));
  },
  run: (firing, ctx) => ctx.useCases.insights.refreshHeadline(firing.scope),
};
