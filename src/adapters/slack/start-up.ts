import type { Logger } from '../../logger';
import { retryStartUp } from '../../start-up';
import type { DirectorySyncer } from './directory-sync';
import { namedFor, slackFailure } from './failures';
import type { SingleToken } from './single-token';
import type { WorkspaceResolver } from './workspaces';

export interface SlackStartUp {
  /** Opens the Socket Mode connection; absent over HTTP. */
  connect?: () => Promise<unknown>;
  /** The one workspace's token; absent with OAuth, where workspaces arrive by install. */
  single: SingleToken | null;
  syncer: DirectorySyncer;
  workspaces: WorkspaceResolver;
  logger: Logger;
  /** Aborted at shutdown: retries stop. */
  signal: AbortSignal;
}

/**
 * What the Slack adapter does when the server starts, each step retried until Slack answers:
 * connect (Socket Mode) and confirm the single workspace's token, which is what /readyz waits
 * for; then read that workspace's directory if we hold none of it. The read does not hold
 * readiness back: at Slack's rate limits a large directory takes many minutes, and requests
 * are served meanwhile (anyone not read yet is looked up when they are named).
 */
export function startSlack(options: SlackStartUp) {
  const { single, logger, signal } = options;
  let connected = false;
  let teamId: string | null = null;

  const connecting = retryStartUp(
    {
      what: 'Slack start-up',
      pending: 'connecting to Slack',
      describe: slackFailure,
      run: async () => {
        if (options.connect && !connected) {
          await options.connect().catch((error: unknown) => {
            throw namedFor(error, 'apps.connections.open');
          });
          connected = true;
        }
        if (single) {
          const identity = await single.identity();
          // The token works, so the app is installed, whatever an earlier uninstall said.
          await options.workspaces.markInstalled(identity.teamId, identity.teamName);
          teamId = identity.teamId;
        }
      },
    },
    logger,
    signal,
  );

  const done = connecting.done.then(async (started) => {
    if (!started || !single || !teamId) return;
    const team = teamId;
    await retryStartUp(
      {
        what: 'First directory read',
        pending: 'reading the directory',
        describe: slackFailure,
        run: () => options.syncer.readIfEmpty(single.token, team),
      },
      logger,
      signal,
    ).done;
  });

  // /readyz shows the first step's state only: see above.
  return { state: connecting.state, done };
}
