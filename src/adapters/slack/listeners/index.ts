import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import type { PostgresInstallationStore } from '../installation-store';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEventDedupe } from './dedupe';
import { registerDirectoryEvents } from './directory-events';
import { registerForms } from './forms';
import { registerHome } from './home';
import { registerWorkspaceResolution } from './installed-workspace';
import { registerUninstall } from './uninstall';
import { registerUnhandled } from './unhandled';

/**
 * Slack's side of the conversation: commands, buttons and forms go to the core's
 * conversation; events keep the directory, the Home tab and installations current.
 */
export function registerListeners(
  app: App,
  deps: SlackDeps,
  store: PostgresInstallationStore | null,
) {
  // Whatever nothing else acknowledges (a shortcut, a command no longer Rapport's, a request
  // that failed on the way) still is: this wraps all that follows.
  registerUnhandled(app, deps);
  // Nothing reaches a listener unless an installation authorises it, and a retried event
  // reaches none.
  registerWorkspaceResolution(app, deps);
  registerEventDedupe(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerForms(app, deps);
  registerHome(app, deps);
  registerDirectoryEvents(app, deps);
  registerUninstall(app, deps, store);
}
