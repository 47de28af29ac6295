import { dueWork } from '../../persistence/repositories/due-work';
import { GLOBAL, type JobDefinition } from '../job';

/** How often due follow-up reminders are looked for. */
export const REMINDER_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Every five minutes, in every workspace: queues the follow-up reminders that have come due,
 * and opens introductions whose mutual contact has not answered in time.
 */
export const remindersJob: JobDefinition = {
  name: 'reminders',
  description: 'queues follow-up reminders that have come due; opens overdue introductions',
  // Each run sends everything due so far: a missed run is made up by the next.
  catchUpMs: REMINDER_INTERVAL_MS,
  async firings(now) {
    const slot = new Date(Math.floor(now.getTime() / REMINDER_INTERVAL_MS) * REMINDER_INTERVAL_MS);
    return [{ scope: GLOBAL, slot }];
  },
  async run(_firing, ctx) {
    const work = dueWork(ctx.db);
    let queued = 0;
    const notes: string[] = [];
    for (const workspaceId of await work.remindersDue(ctx.clock.now(), [...ctx.platforms])) {
      const outcome = await ctx.useCases.sendReminders(workspaceId);
      queued += outcome.queued;
      if (outcome.note) notes.push(outcome.note);
    }
    for (const workspaceId of await work.waitingOnMutual()) {
      const opened = await ctx.useCases.introductions.openOverdue(workspaceId);
      // Each opens one group DM.
      queued += opened;
      if (opened > 0) notes.push(`${opened} introductions opened without their mutual contact`);
    }
    return { queued, note: notes.length > 0 ? notes.join('; ') : 'nothing due' };
  },
};
