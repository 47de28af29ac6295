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
    const due = await ctx.db
      .selectFrom('welcomes as r')
      .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
      .select('r.workspace_id')
      .distinct()
      .where('r.queued_at', 'is', null)
      .where('r.due_at', '<=', ctx.clock.now())
      .where('w.uninstalled_at', 'is', null)
      .where('w.platform', 'in', [...ctx.platforms])
      .execute();
    let queued = 0;
    for (const { workspace_id } of due)
      queued += (await ctx.useCases.welcomes.sendDue(workspace_id)).queued;
    return { queued, note: `${queued} welcomes queued in ${due.length} workspaces` };
  },
};
