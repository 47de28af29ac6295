import type { AnyMiddlewareArgs, App, Context } from '@slack/bolt';
import type { SlackDeps } from '../deps';

/** Where the resolution leaves the workspace in Bolt's context, for every listener. */
const WORKSPACE = 'rapportWorkspace';

export interface RequestWorkspace {
  workspaceId: string;
  /** What the workspace is installed under: its team, or the enterprise of an org-wide install. */
  installKey: string;
  /** The team the request was authorised for (for an org-wide install, the enterprise). */
  teamId: string;
}

/**
 * Every request belongs to the installed workspace its authorization names (Bolt's context,
 * from `authorizations[0]` and the installation), never to the envelope's `team_id`, which in a
 * Slack Connect channel is the other organisation. What no installation authorises is
 * acknowledged and dropped: it creates nothing and sends nothing.
 */
export function registerWorkspaceResolution(app: App, deps: SlackDeps) {
  app.use(async (args) => {
    const { context, next } = args;
    const workspace = await deps.workspaces.resolve(context);
    if (!workspace) {
      const body = args.body as { type?: string; event_id?: string };
      deps.logger.info(
        {
          teamId: context.teamId,
          enterpriseId: context.enterpriseId,
          type: body.type,
          eventId: body.event_id,
        },
        'Slack request for no installed workspace dropped',
      );
      // Events were acknowledged before any middleware ran; the rest are acknowledged here.
      const { ack } = args as AnyMiddlewareArgs & { ack?: () => Promise<void> };
      if (ack) await ack();
      return;
    }
    const resolved: RequestWorkspace = {
      workspaceId: workspace.id,
      installKey: workspace.externalId,
      teamId: context.teamId || workspace.externalId,
    };
    context[WORKSPACE] = resolved;
    await next();
  });
}

/** The workspace a listener's request was resolved to. */
export function workspaceOf(context: Context): RequestWorkspace {
  const workspace = context[WORKSPACE] as RequestWorkspace | undefined;
  // The resolution runs before every listener and lets nothing unresolved through.
  if (!workspace) throw new Error('no workspace was resolved for this Slack request');
  return workspace;
}
