import { dueWork } from '../../persistence/repositories/due-work';
import { GLOBAL, type JobDefinition } from '../job';

const HOUR = 60 * 60 * 1000;

/** Every hour: new members' welcomes that have come due, in every workspace. */
export const welcomeJob: JobDefinition = {
  name: 'welcome',
  description: "sends new members' welcome with a few introductions",
  catchUpMs: HOUR,
  async firings(now) {
    return [{ scope: GLOBAL, slot: new Date(Math.floor(now.getTime() / HOUR) * HOUR) }];
  },
  async run(_firing, ctx) {
    const due = await dueWork(ctx.db).welcomesDue(ctx.clock.now(), [...ctx.platforms]);
    let queued = 0;
    for (const workspaceId of due)
      queued += (await ctx.useCases.welcomes.sendDue(workspaceId)).queued;
    return { queued, note: `${queued} welcomes queued in ${due.length} workspaces` };
  },
};
