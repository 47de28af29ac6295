import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import type { PostgresInstallationStore } from '../installation-store';

/**
 * app_uninstalled and tokens_revoked arrive in either order, and a retried app_uninstalled can
 * arrive after a reinstall: tokens go at once, unless the install is newer than the event.
 */
export function registerUninstall(
  app: App,
  deps: SlackDeps,
  store: PostgresInstallationStore | null,
) {
  async function uninstall(key: string, eventTime: number) {
    const at = new Date(eventTime * 1000);
    const removed = store ? await store.removeIfInstalledBefore(key, at) : true;
    if (!removed) {
      deps.logger.info({ key, at }, 'stale uninstall ignored: the app was installed again since');
      return;
    }
    const workspaceId = await deps.workspaces.forTeam(key);
    await deps.db
      .updateTable('workspaces')
      .set({ uninstalled_at: at })
      .where('id', '=', workspaceId)
      .execute();
    deps.logger.info({ key, workspaceId }, 'Slack tokens deleted; the workspace is stopped');
  }

  const keyOf = (body: {
    team_id?: string;
    enterprise_id?: string;
    is_enterprise_install?: boolean;
  }) => (body.is_enterprise_install && body.enterprise_id) || body.team_id || '';

  app.event('app_uninstalled', async ({ body }) => {
    await uninstall(keyOf(body), body.event_time);
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await uninstall(keyOf(body), body.event_time);
  });
}
