import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { FakeConnector } from '../../test/support/fake-connector';
import { FakeSlack } from '../../test/support/fake-slack';
import { cleanEnv, freePort, ROOT, type ServerProcess } from '../../test/support/processes';
import { SIGNING_SECRET } from '../../test/support/slack-requests';
import { until } from '../../test/support/wait';
import {
  SLACK_BOT_USER,
  SLACK_TEAM,
  SLACK_TOKEN,
  slackPeople,
  teamsActivities,
  teamsPeople,
} from './people';

/** The core every server runs on; the load generator gets the other one. */
export const SERVER_CPU = '1';
export const GENERATOR_CPU = '0';

/** Every thread of a process on one core, so that Rapport and the bare apps run alike. */
export const pin = (pid: number) =>
  execFileSync('taskset', ['-a', '-pc', SERVER_CPU, String(pid)], { stdio: 'ignore' });

/** Resident memory of a process, from the kernel, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU time a process has used, user and system, in ms (the kernel counts in 1/100 s). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface World {
  slack: FakeSlack;
  connector: FakeConnector;
  database: DatabaseHandle;
  rapport: ServerProcess;
  bareSlack: ServerProcess;
  bareTeams: ServerProcess;
  workspaces: { slack: string; teams: string };
  close(): Promise<void>;
}

/** A server as a process of its own on a free port, pinned once `ready` says it is. */
async function startProcess(
  file: string,
  env: NodeJS.ProcessEnv,
  ready: (output: string, url: string) => Promise<boolean>,
): Promise<ServerProcess> {
  const port = await freePort();
  // LOAD_PROFILE_DIR: a --cpu-prof of each server, written when it stops.
  const profile = process.env.LOAD_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`${file} exited:\n${output}`);
      return ready(output, url);
    }, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  pin(child.pid!);
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A bare app, ready once it says so. */
const startBare = (file: string) =>
  startProcess(file, { ...process.env, NODE_ENV: 'test' }, async (output) =>
    output.includes('ready'),
  );

/** Rapport as `npm start` runs it, ready once /readyz says so. */
const startRapport = (env: Record<string, string>) =>
  startProcess('src/main.ts', cleanEnv({ LOG_LEVEL: 'warn', ...env }), (_output, url) =>
    fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ),
  );

/**
 * Rapport on a fresh schema of the Postgres at `url`, with the fake Slack and the fake Bot
 * Connector as its platforms, Acme's Slack and Contoso's team installed with `people` each;
 * and the two bare apps beside it.
 */
export async function startWorld(url: string, people: number): Promise<World> {
  // Whatever has started is stopped again, newest first, at the end or when a start fails.
  const undo: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const slack = await FakeSlack.start();
    undo.push(() => slack.close());
    slack.pageSize = 200;
    // No custom profile fields: the directory is read in one page, without a call per person.
    slack.addTeam({
      id: SLACK_TEAM,
      name: 'Load',
      botUserId: SLACK_BOT_USER,
      users: slackPeople(people),
      fields: [],
    });
    slack.addToken(SLACK_TOKEN, SLACK_TEAM);
    const connector = await FakeConnector.start();
    undo.push(() => connector.close());
    const fx = teamsPeople(people);
    connector.roster.addFixture(fx);

    const schema = `rapport_bench_load_${process.pid}`;
    const database = await openDatabase({ url, schema });
    undo.push(() => database.close());
    undo.push(() => sql.raw(`drop schema ${schema} cascade`).execute(database.db));
    await migrateToLatest(database.db);
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);

    const rapport = await startRapport({
      DATABASE_URL: inSchema.toString(),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      RAPPORT_TEAMS_ANONYMOUS: 'true',
      // The fakes have no rate limits: the catch-up measures Rapport, not Slack's or Teams' caps.
      RAPPORT_SLACK_POSTS_PER_MINUTE: '100000',
      RAPPORT_TEAMS_SENDS_PER_SECOND: '1000',
      // LOAD_RAPPORT_ENV='{"RAPPORT_INBOUND_BACKLOG":"0"}': settings to try, as JSON.
      ...(JSON.parse(process.env.LOAD_RAPPORT_ENV ?? '{}') as Record<string, string>),
    });
    undo.push(() => rapport.stop());
    await postActivity(
      rapport.url,
      teamsActivities(fx, connector.serviceUrl).botAddedToTeam(fx.people.ana),
    );

    const members = async (platform: 'slack' | 'teams') => {
      const rows = await database.db
        .selectFrom('members as m')
        .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
        .where('w.platform', '=', platform)
        .select(['w.id', sql<number>`count(*)::int`.as('n')])
        .groupBy('w.id')
        .execute();
      return rows[0] && rows[0].n >= people ? rows[0].id : undefined;
    };
    const workspaces = {
      slack: await until(() => members('slack'), 60_000),
      teams: await until(() => members('teams'), 60_000),
    };
    // The most a workspace allows: the load's givers must not run out of their daily kudos.
    for (const id of Object.values(workspaces))
      await saveSettings(database.db, id, { dailyKudosLimit: 100 });

    const bareSlack = await startBare('bench/load/bare-slack.ts');
    undo.push(() => bareSlack.stop());
    const bareTeams = await startBare('bench/load/bare-teams.ts');
    undo.push(() => bareTeams.stop());
    return { slack, connector, database, rapport, bareSlack, bareTeams, workspaces, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function postActivity(url: string, activity: object) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (!response.ok) throw new Error(`installing the team: ${response.status}`);
}
