import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import type { PostgresInstallationStore } from '../installation-store';
import { registerAppHome } from './app-home';
import { registerEventDedupe } from './dedupe';
import { registerDirectoryEvents } from './directory-events';
import { registerFollowups } from './followups';
import { registerWorkspaceResolution } from './installed-workspace';
import { registerIntroductions } from './introductions';
import { registerKudosCommand } from './kudos-command';
import { registerKudosModal } from './kudos-modal';
import { registerRapportCommand } from './rapport-command';
import { registerRounds } from './rounds';
import { registerSettings } from './settings';
import { registerUninstall } from './uninstall';
import { registerUnhandled } from './unhandled';

export function registerListeners(
  app: App,
  deps: SlackDeps,
  store: PostgresInstallationStore | null,
) {
  // Whatever nothing else acknowledges (an old button or form after a deploy, a request that
  // failed on the way) still is: this wraps all that follows.
  registerUnhandled(app, deps);
  // Nothing reaches a listener unless an installation authorises it, and a retried event
  // reaches none.
  registerWorkspaceResolution(app, deps);
  registerEventDedupe(app, deps);
  registerKudosCommand(app, deps);
  registerKudosModal(app, deps);
  registerRapportCommand(app, deps);
  registerAppHome(app, deps);
  registerSettings(app, deps);
  registerRounds(app, deps);
  registerFollowups(app, deps);
  registerIntroductions(app, deps);
  registerDirectoryEvents(app, deps);
  registerUninstall(app, deps, store);
}
