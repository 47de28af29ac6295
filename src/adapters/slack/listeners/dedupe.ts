import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { workspaceOf } from './installed-workspace';

/**
 * Slack retries an event it thinks we missed, and has been seen sending one event twice:
 * the first delivery of an event id does the work, later ones are acknowledged and dropped.
 * If the work fails, the id is forgotten so that Slack's retry can do it. Ids are kept per
 * installed workspace, which runs before this and has dropped what none authorises.
 */
export function registerEventDedupe(app: App, deps: SlackDeps) {
  app.use(async ({ body, context, next }) => {
    const { event_id: eventId } = body as AnyMiddlewareArgs['body'] & { event_id?: string };
    if (!eventId) return next();
    const { workspaceId } = workspaceOf(context);
    if (!(await deps.inboundEvents.first(workspaceId, eventId))) {
      deps.logger.info({ eventId, workspaceId }, 'duplicate Slack event ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.inboundEvents.forget(workspaceId, eventId);
      throw error;
    }
  });
}
