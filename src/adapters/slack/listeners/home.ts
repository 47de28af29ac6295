import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps';
import { renderHome } from '../render';
import { workspaceOf } from './installed-workspace';

/** Draws a member's Home tab afresh: on every open, and after a change it shows. */
export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const card = await deps.conversation.home({ workspaceId, userId });
  await client.views.publish({ user_id: userId, view: renderHome(card) as never });
}

export function registerHome(app: App, deps: SlackDeps) {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, workspaceOf(context).workspaceId, event.user);
  });
}
