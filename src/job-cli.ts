import { createAdapters, platformParts, PLATFORMS } from './adapters/registry';
import { CORE_JOBS, workerFor, workerName } from './background';
import { commandLogger, runCli } from './cli';
import { clockFor } from './clock';
import type { Config } from './config';
import { deliveryCountsSince } from './persistence/repositories/deliveries';
import { findWorkspace } from './persistence/repositories/workspaces';
import { jobNeedsPlatform } from './startup-messages';
import type { Platform } from './core/domain/member';
import { claimFiring, runClaimed } from './scheduler/coordinator';
import { GLOBAL, type JobContext } from './scheduler/job';
import { openMigratedDatabase, useCasesFor } from './services';

const USAGE = 'Usage: npm run job -- <name> [--workspace <id>]';

function parseArgs(argv: string[]): { name?: string; workspace?: string } {
  const at = argv.indexOf('--workspace');
  const workspace =
    at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--workspace='))?.slice(12);
  const name = argv.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  return { ...(name && { name }), ...(workspace && { workspace }) };
}

/**
 * Runs one job now, with the code the scheduler runs, then sends what it queued (when a
 * platform is configured). A run is recorded like a scheduled one, at the current minute.
 */
async function main(config: Config): Promise<number> {
  const { name, workspace } = parseArgs(process.argv.slice(2));
  const logger = commandLogger(config);
  const clock = clockFor(config);
  const database = await openMigratedDatabase(config, logger);
  try {
    const useCases = useCasesFor(database, clock);
    const adapters = createAdapters({ config, database, logger, clock, useCases });
    const parts = platformParts(adapters);
    const jobs = [...CORE_JOBS, ...parts.jobs];
    const job = jobs.find((j) => j.name === name);
    const elsewhere = PLATFORMS.find(
      (p) => !p.configured(config) && p.jobNames.includes(name ?? ''),
    );
    if (!job && elsewhere) {
      process.stderr.write(`${jobNeedsPlatform(name!, elsewhere.platform)}\n`);
      return 2;
    }
    if (!job) {
      const list = jobs.map((j) => `  ${j.name.padEnd(16)} ${j.description}`).join('\n');
      process.stderr.write(
        `${name ? `There is no job "${name}". ` : ''}${USAGE}\nJobs:\n${list}\n`,
      );
      return 2;
    }
    const senders = parts.senders;
    const ctx: JobContext = {
      db: database.db,
      clock,
      useCases,
      logger,
      platforms: new Set(Object.keys(senders) as Platform[]),
      rosters: parts.rosters,
    };

    const now = clock.now();
    const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    let scopes = [...new Set((await job.firings(now, ctx)).map((f) => f.scope))];
    if (workspace && !scopes.includes(GLOBAL)) {
      const found = await findWorkspace(database.db, workspace);
      if (!found) {
        process.stderr.write(`There is no workspace "${workspace}".\n`);
        return 2;
      }
      scopes = [found];
    }
    if (scopes.length === 0) process.stdout.write(`${job.name}: no workspace has it switched on\n`);

    const worker = workerName();
    let queued = 0;
    for (const scope of scopes) {
      if (!(await claimFiring(ctx, job.name, { scope, slot }, worker))) {
        process.stdout.write(`${job.name} ${scope}: already ran at ${slot.toISOString()}\n`);
        continue;
      }
      const result = await runClaimed(ctx, job, { scope, slot }, worker);
      queued += result.outcome?.queued ?? 0;
      process.stdout.write(
        `${job.name} ${scope}: ${result.error ? `failed: ${result.error}` : (result.outcome?.note ?? `queued ${result.outcome?.queued ?? 0}`)}\n`,
      );
    }
    if (queued > 0) {
      if (Object.keys(senders).length === 0) {
        process.stdout.write(`${queued} queued; the server's workers will send them\n`);
      } else {
        await workerFor({ config, logger, database, clock, senders }, worker).drain(120_000);
        const counts = await deliveryCountsSince(database.db, now);
        process.stdout.write(
          `deliveries: ${counts.map((c) => `${c.count} ${c.status}`).join(', ')}\n`,
        );
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, 'The job failed');
