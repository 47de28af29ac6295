import { slackAdapterFor } from './adapters/slack';
import { CORE_JOBS, workerFor, workerName } from './background';
import { commandLogger, runCli } from './cli';
import { clockFor } from './clock';
import { slackConfigured, type Config } from './config';
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
    const slack = slackConfigured(config)
      ? slackAdapterFor(config, database, logger, useCases, clock)
      : null;
    const jobs = [...CORE_JOBS, ...(slack?.jobs ?? [])];
    const job = jobs.find((j) => j.name === name);
    if (!job) {
      const list = jobs.map((j) => `  ${j.name.padEnd(16)} ${j.description}`).join('\n');
      process.stderr.write(
        `${name ? `There is no job "${name}". ` : ''}${USAGE}\nJobs:\n${list}\n`,
      );
      return 2;
    }
    const senders = slack ? { slack: slack.sender } : {};
    const ctx: JobContext = {
      db: database.db,
      clock,
      useCases,
      logger,
      platforms: new Set(Object.keys(senders) as Platform[]),
      rosters: slack ? { slack: slack.roster } : {},
    };

    const now = clock.now();
    const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    let scopes = [...new Set((await job.firings(now, ctx)).map((f) => f.scope))];
    if (workspace && !scopes.includes(GLOBAL)) {
      const found = await database.db
        .selectFrom('workspaces')
        .select('id')
        .where((eb) =>
          eb.or([eb('external_id', '=', workspace), eb('id', '=', uuidOrNil(workspace))]),
        )
        .executeTakeFirst();
      if (!found) {
        process.stderr.write(`There is no workspace "${workspace}".\n`);
        return 2;
      }
      scopes = [found.id];
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
        const rows = await database.db
          .selectFrom('deliveries')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('created_at', '>=', now)
          .groupBy('status')
          .execute();
        process.stdout.write(
          `deliveries: ${rows.map((r) => `${Number(r.n)} ${r.status}`).join(', ')}\n`,
        );
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

/** A value Postgres accepts as a uuid, so a team id can be compared with the id column. */
function uuidOrNil(text: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)
    ? text
    : '00000000-0000-0000-0000-000000000000';
}

runCli(main, 'The job failed');
