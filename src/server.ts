import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { PlatformAdapter } from './adapters/contract';
import { createAdapters } from './adapters/registry';
import type { DirectoryPacing } from './adapters/slack';
import type { Config } from './config';
import { gracefulClose } from './http/graceful-close';
import { createHttpServer } from './http/server';
import { FILES_PATH, filesListener } from './http/files';
import { fileLinks } from './persistence/repositories/file-links';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import type { DatabaseHandle } from './persistence/database';
import { databaseReadiness } from './persistence/readiness';
import { systemClock } from './clock';
import { useCasesFor } from './services';
import type { Clock } from './core/ports';
import type { Platform } from './core/domain/member';

/** How long a shutdown waits for requests already taken to be answered. */
const REQUESTS_GRACE_MS = 3000;
/** How long the port may stay open, answering 503, while a load balancer still sends. */
const QUIET_GRACE_MS = 2000;

export interface RunningServer {
  server: Server;
  url: string;
  adapters: PlatformAdapter[];
  /** What GET /metrics serves; the background's jobs report into it too. */
  metrics: Metrics;
  /** The adapter of one platform, if it is configured. */
  adapter(platform: Platform): PlatformAdapter | undefined;
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  clock?: Clock;
  /** Pauses between directory calls; the defaults keep to each platform's rate limits. */
  directoryPacing?: DirectoryPacing;
  host?: string;
  /**
   * How long the port stays open, answering 503, once requests stop arriving after a shutdown
   * begins (`QUIET_MS` by default). Tests whose own requests are all answered give 0.
   */
  quietMs?: number;
}

/** Builds every configured platform adapter and starts the one HTTP server with their routes. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger, database } = options;
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics({ database, clock, logger });
  const adapters = createAdapters({
    config,
    database,
    logger,
    clock,
    useCases: useCasesFor(database, clock),
    ...(options.directoryPacing && { directoryPacing: options.directoryPacing }),
    acknowledged: (platform, seconds) => metrics.http.acknowledged(platform, seconds),
  });

  // Each platform adapter brings its own check: /readyz names whatever is not ready.
  const checks = [databaseReadiness(database.db), ...adapters.map((a) => a.readiness)];
  const server = createHttpServer(
    checks,
    logger,
    [
      ...adapters.flatMap((a) => a.mounts.map((m) => ({ ...m, platform: a.platform }))),
      // Files handed over by link (Teams' downloads): neutral, whichever platform asked.
      { prefix: FILES_PATH, listener: filesListener(fileLinks(database.db), clock, logger) },
    ],
    { metrics, metricsToken: config.RAPPORT_METRICS_TOKEN },
  );
  const closing = gracefulClose(server, options.quietMs);
  await new Promise<void>((resolve) => server.listen(config.PORT, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  logger.info({ port, platforms: adapters.map((a) => a.platform) }, 'Rapport is listening');
  for (const adapter of adapters) await adapter.start();

  return {
    server,
    url: `http://127.0.0.1:${port}`,
    adapters,
    metrics,
    adapter: (platform) => adapters.find((a) => a.platform === platform),
    close: async () => {
      // Answer the requests already taken, then let the work they started finish.
      await closing.begin(REQUESTS_GRACE_MS);
      await Promise.all(adapters.map((a) => a.stop()));
      await closing.end(QUIET_GRACE_MS);
    },
  };
}
