import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { departmentField, saveSlackUser, type SlackUser } from '../directory';
import { workspaceOf } from './installed-workspace';

/** Keeps the directory current between daily syncs: new people, changed profiles, departures. */
export function registerDirectoryEvents(app: App, deps: SlackDeps) {
  app.event('team_join', async ({ event, client, context }) => {
    const { workspaceId, teamId } = workspaceOf(context);
    const fieldId = await departmentField(deps.directory, client, workspaceId);
    await saveSlackUser(
      deps.directory,
      client,
      workspaceId,
      teamId,
      event.user as SlackUser,
      fieldId,
    );
    const user = event.user as SlackUser;
    if (!user.is_bot && !user.deleted) await deps.useCases.welcomes.joined(workspaceId, user.id);
  });

  app.event('user_change', async ({ event, client, context }) => {
    const { workspaceId, teamId } = workspaceOf(context);
    let user = event.user as SlackUser;
    // Some user_change payloads leave out `deleted`; ask Slack rather than guess either way.
    if (typeof user.deleted !== 'boolean') {
      const info = await client.users.info({ user: user.id });
      user = (info.user as SlackUser | undefined) ?? user;
    }
    const fieldId = await departmentField(deps.directory, client, workspaceId);
    await saveSlackUser(deps.directory, client, workspaceId, teamId, user, fieldId);
  });
}
