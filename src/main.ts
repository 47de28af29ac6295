import { chooseAdapters, platformParts } from './adapters/registry';
import { startBackground } from './background';
import { clockFor } from './clock';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';
import { openMigratedDatabase } from './services';

/** Work still running then is cut; what was queued and not sent stays in the queue. */
const SHUTDOWN_DEADLINE_MS = 9000;

/**
 * Composition root: config → logger → database → use cases → adapters → HTTP server →
 * scheduler and delivery worker, and a shutdown that stops them in the reverse order.
 */
async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(1);
  }
  const config = loaded.config;
  const choice = chooseAdapters(config);
  if (!choice.ok) {
    process.stderr.write(`${choice.message}\n`);
    process.exit(1);
  }

  const logger = createLogger(config.LOG_LEVEL);
  const clock = clockFor(config);
  const database = await openMigratedDatabase(config, logger);
  logger.info({ database: database.kind }, 'database ready');
  const running = await startServer({ config, logger, database, clock });
  const parts = platformParts(running.adapters);
  const background = startBackground({
    config,
    logger,
    database,
    clock,
    senders: parts.senders,
    rosters: parts.rosters,
    adapterJobs: parts.jobs,
    jobMetrics: running.metrics.jobs,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Orchestrators kill a process that takes longer (Kubernetes after 30 s, Compose after 10).
    setTimeout(() => {
      logger.error({ signal }, 'shutdown took over 9 s; exiting with work unfinished');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Closing the server aborts long work (a directory sync), which lets the scheduler stop.
    Promise.all([background.stop(), running.close()])
      .then(() => database.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Rapport could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
