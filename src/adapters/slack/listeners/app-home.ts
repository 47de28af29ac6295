import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import { homeView, unknownHomeView } from '../views/home';
import { workspaceOf, type RequestWorkspace } from './installed-workspace';

export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  { workspaceId, teamId }: RequestWorkspace,
  userId: string,
) {
  await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
  const result = await deps.useCases.home(workspaceId, userId);
  await client.views.publish({
    user_id: userId,
    view: result.ok ? homeView(result.home) : unknownHomeView(result.message),
  });
}

export function registerAppHome(app: App, deps: SlackDeps) {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, workspaceOf(context), event.user);
  });
}
