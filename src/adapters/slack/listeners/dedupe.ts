import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import type { SlackDeps } from '../deps';

/**
 * Slack retries an event it thinks we missed, and has been seen sending one event twice:
 * the first delivery of an event id does the work, later ones are acknowledged and dropped.
 * If the work fails, the id is forgotten so that Slack's retry can do it.
 */
export function registerEventDedupe(app: App, deps: SlackDeps) {
  app.use(async ({ body, next }) => {
    const { event_id: eventId, team_id: teamId } = body as AnyMiddlewareArgs['body'] & {
      event_id?: string;
      team_id?: string;
    };
    if (!eventId || !teamId) return next();
    const workspaceId = await deps.workspaces.forTeam(teamId);
    const first = await deps.db
      .insertInto('slack_events')
      .values({ workspace_id: workspaceId, event_id: eventId })
      .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!first) {
      deps.logger.info({ eventId, teamId }, 'duplicate Slack event ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.db
        .deleteFrom('slack_events')
        .where('workspace_id', '=', workspaceId)
        .where('event_id', '=', eventId)
        .execute();
      throw error;
    }
  });
}
