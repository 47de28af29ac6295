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
  async function uninstall(key: string, eventTime: number, event: string) {
    const at = new Date(eventTime * 1000);
    // With a single bot token from the environment there is nothing stored to delete.
    const outcome = store ? await store.removeIfInstalledBefore(key, at) : 'removed';
    if (outcome === 'reinstalled') {
      deps.logger.info({ key, at, event }, 'stale uninstall ignored: installed again since');
      return;
    }
    const workspaceId = await deps.workspaces.markUninstalled(key, at);
    deps.logger.info({ key, workspaceId, event, outcome }, 'Slack tokens deleted; work stopped');
  }

  const keyOf = (body: {
    team_id?: string;
    enterprise_id?: string;
    is_enterprise_install?: boolean;
  }) => (body.is_enterprise_install && body.enterprise_id) || body.team_id || '';

  app.event('app_uninstalled', async ({ body }) => {
    await uninstall(keyOf(body), body.event_time, 'app_uninstalled');
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    // Revoked user tokens leave the bot working; Rapport stores none.
    if ((event.tokens.bot ?? []).length === 0) return;
    await uninstall(keyOf(body), body.event_time, 'tokens_revoked');
  });
}
