import { latestWeeklySlot } from '../../core/domain/schedule';
import type { WeeklyHabit } from '../../core/domain/settings';
import type { JobContext, JobDefinition } from '../job';
import {
  workspaceSchedules,
  type WorkspaceSchedule,
} from '../../persistence/repositories/workspace-schedules';

const HOURS = 60 * 60 * 1000;

/** A weekly habit posted in the kudos channel, once per workspace per week. */
function weeklyKudosJob(
  name: string,
  description: string,
  habitOf: (s: WorkspaceSchedule) => WeeklyHabit,
  run: (ctx: JobContext, workspaceId: string, slot: Date) => ReturnType<JobDefinition['run']>,
): JobDefinition {
  return {
    name,
    description,
    // Late by up to half a working day is still useful; later than that it would confuse.
    catchUpMs: 6 * HOURS,
    async firings(now, ctx) {
      const schedules = await workspaceSchedules(ctx.db);
      return schedules
        .filter((s) => ctx.platforms.has(s.platform) && s.kudosChannelId && habitOf(s).enabled)
        .map((s) => ({
          scope: s.workspaceId,
          slot: latestWeeklySlot(now, {
            weekday: habitOf(s).weekday,
            hour: habitOf(s).hour,
            everyWeeks: 1,
            zone: s.timezone,
          }),
        }));
    },
    run: (firing, ctx) => run(ctx, firing.scope, firing.slot),
  };
}

export const kudosPromptJob = weeklyKudosJob(
  'kudos-prompt',
  'the weekly "who helped you this week?" post in the kudos channel',
  (s) => s.kudosPrompt,
  (ctx, workspaceId, slot) => ctx.useCases.kudosPrompt(workspaceId, slot),
);

export const kudosDigestJob = weeklyKudosJob(
  'kudos-digest',
  "the weekly summary of last week's kudos in the kudos channel",
  (s) => s.kudosDigest,
  (ctx, workspaceId, slot) => ctx.useCases.kudosDigest(workspaceId, slot),
);
