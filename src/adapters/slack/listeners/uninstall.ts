import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import type { PostgresInstallationStore } from '../installation-store';
import { workspaceOf, type RequestWorkspace } from './installed-workspace';

/**
 * app_uninstalled and tokens_revoked arrive in either order, and a retried app_uninstalled can
 * arrive after a reinstall: tokens go at once, unless the install is newer than the event.
 * Only an installed workspace gets here: the second of the pair finds it stopped already and
 * is dropped with everything else no installation authorises.
 */
export function registerUninstall(
  app: App,
  deps: SlackDeps,
  store: PostgresInstallationStore | null,
) {
  async function uninstall(workspace: RequestWorkspace, eventTime: number, event: string) {
    const key = workspace.installKey;
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

  app.event('app_uninstalled', async ({ body, context }) => {
    await uninstall(workspaceOf(context), body.event_time, 'app_uninstalled');
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Revoked user tokens leave the bot working; Rapport stores none.
    if ((event.tokens.bot ?? []).length === 0) return;
    await uninstall(workspaceOf(context), body.event_time, 'tokens_revoked');
  });
}
