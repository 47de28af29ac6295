import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SlackAdapter } from './adapters/slack/app';
import { slackAdapterFor, type DirectoryPacing } from './adapters/slack';
import { slackConfigured, type Config } from './config';
import { createHttpServer } from './http/server';
import type { Logger } from './logger';
import type { DatabaseHandle } from './persistence/database';
import { databaseReadiness } from './persistence/readiness';
import { systemClock } from './clock';
import { useCasesFor } from './services';
import type { Clock } from './core/ports';

export interface RunningServer {
  server: Server;
  url: string;
  slack: SlackAdapter | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  clock?: Clock;
  /** Pauses between directory calls; the defaults keep to Slack's rate tiers. */
  directoryPacing?: DirectoryPacing;
  host?: string;
}

/** Wires the use cases to the adapters and starts the one HTTP server. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger, database } = options;
  const clock = options.clock ?? systemClock;
  const useCases = useCasesFor(database, clock);
  const slack = slackConfigured(config)
    ? slackAdapterFor(config, database, logger, useCases, clock, options.directoryPacing)
    : null;

  // Each platform adapter brings its own check: /readyz names whatever is not ready.
  const checks = [databaseReadiness(database.db), ...(slack ? [slack.readiness] : [])];
  const server = createHttpServer(checks, logger, { slack: slack?.requestListener ?? null });
  await new Promise<void>((resolve) => server.listen(config.PORT, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  logger.info({ port, slack: Boolean(slack) }, 'Rapport is listening');
  await slack?.start();

  return {
    server,
    url: `http://127.0.0.1:${port}`,
    slack,
    close: async () => {
      // Stop taking requests, let acknowledged work finish, then drop idle connections.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await slack?.stop();
      server.closeAllConnections();
      await closed;
    },
  };
}
