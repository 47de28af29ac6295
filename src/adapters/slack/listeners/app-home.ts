import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import { homeView, unknownHomeView } from '../views/home';

export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  teamId: string,
  userId: string,
) {
  const workspaceId = await deps.workspaces.forTeam(teamId);
  await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
  const result = await deps.useCases.home(workspaceId, userId);
  await client.views.publish({
    user_id: userId,
    view: result.ok ? homeView(result.home) : unknownHomeView(result.message),
  });
}

export function registerAppHome(app: App, deps: SlackDeps) {
  app.event('app_home_opened', async ({ event, client, context, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, context.teamId ?? body.team_id, event.user);
  });
}
