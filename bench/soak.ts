/**
 * A soak: Rapport as a real process serving Slack and Teams (against the fake Slack and the
 * fake Bot Connector on loopback) under a steady mixed load for --minutes, with its memory,
 * file descriptors, database connections, heap and handles read from outside once a minute.
 *
 *   npm run bench:soak -- [--minutes 30] [--rate 10] [--idle 60] [--warmup 10]
 *
 * The load, at --rate requests a second: /kudos and /rapport commands, button presses and App
 * Home opens signed as Slack signs them, Teams messages and card actions. The clock file moves
 * the process's calendar on a day a minute: its daily jobs run each minute and its weekly ones
 * (a Slack channel's intro round, Mondays) every seven. The delivery queue drains to the fakes
 * all along. Before the load, the process sits idle
 * for --idle seconds: its idle memory. The memory slope leaves out the first --warmup minutes
 * (a third of the run at most), while V8 grows its heap to the load and settles.
 * BENCH_DATABASE_URL runs it on a database of its own created in that Postgres (and dropped
 * after); otherwise on the embedded database in a temporary directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { SlackUser } from '../src/adapters/slack/directory';
import { FakeConnector } from '../test/support/fake-connector';
import { FakeSlack } from '../test/support/fake-slack';
import { spawnServer, type ServerProcess } from '../test/support/processes';
import {
  form,
  postSigned,
  roundFormValues,
  SIGNING_SECRET,
  slashCommandForm,
} from '../test/support/slack-requests';
import { BOT_USER_ID, DEPARTMENT_FIELD } from '../test/support/slack-team';
import { TeamsActivities } from '../test/support/teams-activities';
import { teamsFixture } from '../test/support/teams-fixture';
import { mixedLoad } from './soak-load';
import { rssMb, sample, trend, type Sample } from './soak-samples';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const TEAM = 'T0SOAK';
const ADMIN = 'U0SOAK00';
const METRICS_TOKEN = 'soak-metrics-token-0123456789';
/** Monday 4 January 2027, 09:00 in London: the round's slot is Mondays at 10:00 there. */
const START = Date.parse('2027-01-04T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const DEPARTMENTS = ['Product', 'Engineering', 'Finance', 'Sales', 'Support'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forty people in five departments, in London (so the round's DMs go out in working hours). */
function directory(): SlackUser[] {
  const people = Array.from({ length: 40 }, (_v, i): SlackUser => {
    const name = `Person ${i}`;
    return {
      id: `U0SOAK${String(i).padStart(2, '0')}`,
      team_id: TEAM,
      name: `person${i}`,
      real_name: name,
      tz: 'Europe/London',
      deleted: false,
      is_bot: false,
      ...(i === 0 && { is_admin: true }),
      profile: {
        real_name: name,
        title: '',
        fields: { [DEPARTMENT_FIELD]: { value: DEPARTMENTS[i % DEPARTMENTS.length]! } },
      },
    };
  });
  const bot: SlackUser = {
    id: BOT_USER_ID,
    team_id: TEAM,
    name: 'rapport',
    real_name: 'Rapport',
    tz: 'UTC',
    deleted: false,
    is_bot: true,
    profile: { real_name: 'Rapport', title: '', fields: {} },
  };
  return [...people, bot];
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

async function main() {
  const minutes = arg('minutes', 30);
  const rate = arg('rate', 10);
  const idleSeconds = arg('idle', 60);
  const warmup = arg('warmup', Math.min(10, Math.floor(minutes / 3)));
  const postgresUrl = process.env.BENCH_DATABASE_URL;

  const slack = await FakeSlack.start();
  slack.pageSize = 100;
  const users = directory();
  slack.addTeam({ id: TEAM, name: 'Soak', botUserId: BOT_USER_ID, users });
  slack.addToken('xoxb-soak', TEAM);
  const connector = await FakeConnector.start();
  const fx = teamsFixture();
  connector.roster.addFixture(fx);
  const teams = new TeamsActivities(fx, connector.serviceUrl);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-soak-'));
  const clockFile = path.join(dir, 'clock.json');
  const setClock = (at: number) =>
    writeFileSync(clockFile, JSON.stringify({ at: new Date(at).toISOString(), setAt: Date.now() }));
  setClock(START);

  let admin: pg.Client | null = null;
  const database = `rapport_soak_${process.pid}`;
  let databaseEnv: Record<string, string>;
  if (postgresUrl) {
    admin = new pg.Client({ connectionString: postgresUrl, application_name: 'rapport-soak' });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    databaseEnv = { DATABASE_URL: url.toString() };
  } else {
    databaseEnv = { RAPPORT_DATA_DIR: path.join(dir, 'data') };
  }

  let server: ServerProcess | undefined;
  try {
    const startedAt = Date.now();
    server = await spawnServer({
      ...databaseEnv,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-soak',
      SLACK_API_URL: slack.apiUrl,
      RAPPORT_TEAMS_ANONYMOUS: 'true',
      RAPPORT_CLOCK_FILE: clockFile,
      RAPPORT_METRICS_TOKEN: METRICS_TOKEN,
      // The fakes have no limits: the default pace (300 a minute) is not what is measured.
      RAPPORT_SLACK_POSTS_PER_MINUTE: '6000',
    });
    const running = server;
    const pid = running.child.pid!;
    // Interrupted, the server stops and the run ends at its next look (within a minute),
    // which drops the database and the temporary directory.
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void running.stop());
    const alive = () => {
      if (running.child.exitCode !== null || running.child.signalCode !== null)
        throw new Error(
          `Rapport exited (code ${running.child.exitCode}, signal ${running.child.signalCode}):\n${running.output().slice(-4000)}`,
        );
    };
    await until('the server to be ready', async () => {
      alive();
      return fetch(`${running.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    });
    const readyMs = Date.now() - startedAt;

    // Teams: the bot is added to the team, which installs the tenant and reads its roster.
    await postTeams(running.url, teams.botAddedToTeam(fx.people.ana));
    await until('the Teams roster read', () =>
      connector.calls.some((c) => c.route === 'getConversationPagedMembers'),
    );

    /** Sends /rapport; `answered` waits for its answer at the response_url. */
    const command = async (text: string, user: string, answered = true) => {
      const responseUrl = slack.responseUrl();
      const body = slashCommandForm({
        command: '/rapport',
        text,
        responseUrl,
        triggerId: `trigger.${Date.now()}`,
        team: TEAM,
        user,
      });
      await postSigned(`${running.url}/slack/events`, body, 'application/x-www-form-urlencoded');
      if (!answered) return undefined;
      const at = new URL(responseUrl).pathname;
      return until(`an answer to /rapport ${text}`, () =>
        slack.responses.find((r) => r.path === at),
      );
    };

    // Slack: the directory is read at start-up; once the admin is known, a round channel.
    const opened = await until('the round form', async () => {
      await command('rounds <#CCOFFEE|coffee>', ADMIN, false);
      await sleep(1000);
      return slack.callsTo('views.open')[0];
    });
    await saveRound(running.url, opened.args.view);
    await until('the round saved', () =>
      slack.callsTo('chat.postMessage').find((c) => c.args.text === 'Intro rounds'),
    );
    const people = users.filter((u) => !u.is_bot);
    for (const person of people)
      await until(`${person.id} in the round`, async () => {
        const reply = await command('join', person.id);
        return /You're in|already in/.test(JSON.stringify(reply?.body).replace(/’/g, "'"));
      });

    // Idle: nothing to do but the scheduler's tick and the queue's polls.
    await sleep(idleSeconds * 1000);
    alive();
    const idleRssMb = rssMb(pid);

    const load = mixedLoad({
      url: running.url,
      team: TEAM,
      slack,
      slackUsers: people,
      connector,
      teams,
      teamsPeople: Object.values(fx.people).filter((p) => p !== fx.people.kim),
    });
    const samples: Sample[] = [];
    const postgres = admin && { admin, database };
    const read = (minute: number) =>
      sample(minute, pid, { url: running.url, metricsToken: METRICS_TOKEN }, postgres);
    samples.push(await read(0));

    // What the fakes received, counted and then forgotten, so that the bench's own memory
    // does not grow with every call.
    let kept = 0;
    /** What the commands and presses were answered, by the first words of the answer. */
    const replies = new Map<string, number>();
    const received = { slackPosts: 0, slackViews: 0, roundPosts: 0, teamsActivities: 0 };
    const tally = () => {
      for (const c of slack.calls) {
        if (c.method === 'chat.postMessage') received.slackPosts += 1;
        if (c.method === 'views.publish') received.slackViews += 1;
        if (c.method === 'chat.postMessage' && c.args.channel === 'CCOFFEE')
          received.roundPosts += 1;
      }
      for (const r of slack.responses) {
        const said = String(r.body.text ?? '').slice(0, 40);
        replies.set(said, (replies.get(said) ?? 0) + 1);
      }
      received.teamsActivities += connector.activities.length - kept;
      slack.calls.length = 0;
      slack.responses.length = 0;
      slack.messages.length = 0;
      connector.calls.length = 0;
      // The latest few stay, so that a card action can name the card it presses.
      connector.activities.splice(0, Math.max(0, connector.activities.length - 50));
      kept = connector.activities.length;
    };
    tally();

    let inFlight = 0;
    let skipped = 0;
    const rounds: number[] = [];
    const loadStart = Date.now();
    const ticker = setInterval(() => {
      if (inFlight >= 200) {
        skipped += 1;
        return;
      }
      inFlight += 1;
      void load.next().finally(() => (inFlight -= 1));
    }, 1000 / rate);

    for (let minute = 1; minute <= minutes; minute += 1) {
      // A day a minute, each at 10:00:30 in London: daily jobs run every minute, the weekly
      // ones (the round on Mondays) every seven, and a day's kudos allowance comes back.
      setClock(START + (minute - 1) * DAY + 60 * 60 * 1000 + 30_000);
      if ((minute - 1) % 7 === 0) rounds.push(minute);
      await sleep(loadStart + minute * 60_000 - Date.now());
      alive();
      const s = await read(minute);
      samples.push(s);
      tally();
      console.error(JSON.stringify({ ...s, sent: load.sent, inFlight, skipped }));
    }
    clearInterval(ticker);
    await until('the last requests answered', () => inFlight === 0);

    // The queue drains: nothing due left.
    const drainStart = Date.now();
    await until('the queue drained', async () => {
      const text = await fetch(`${running.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      }).then((r) => r.text());
      return /^rapport_queue_due 0$/m.test(text);
    });
    const drainedInS = Math.round((Date.now() - drainStart) / 100) / 10;
    await sleep(5000);
    tally();
    const after = await read(minutes + 1);

    const fromMinute = warmup;
    console.log(
      JSON.stringify({
        benchmark: 'soak',
        database: postgresUrl ? 'postgres' : 'embedded PGlite',
        minutes,
        ratePerSecond: rate,
        readyInS: Math.round(readyMs / 100) / 10,
        idleRssMb,
        idleSeconds,
        requests: load.sent,
        skipped,
        answers: load.answers(),
        roundsAtMinutes: rounds,
        slackAnswers: Object.fromEntries([...replies].sort((a, b) => b[1] - a[1]).slice(0, 12)),
        received,
        queueDrainedAfterLoadInS: drainedInS,
        slopeFromMinute: fromMinute,
        rssMb: trend(samples, (s) => s.rssMb, fromMinute),
        heapUsedMb: trend(samples, (s) => s.heapUsedMb, fromMinute),
        fds: trend(samples, (s) => s.fds, 0),
        activeHandles: trend(samples, (s) => s.activeHandles, 0),
        dbConnections: trend(samples, (s) => s.dbConnections, 0),
        poolTotal: trend(samples, (s) => s.poolTotal, 0),
        eventLoopLagP99Ms: trend(samples, (s) => s.eventLoopLagP99Ms, 0),
        serverLog: logSummary(running.output()),
        afterDrain: after,
        samples,
      }),
    );
  } finally {
    await server?.stop();
    await slack.close();
    await connector.close();
    if (admin) {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The process's warnings and errors (it logs at warn), counted by message. */
function logSummary(output: string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    let key = line.slice(0, 80);
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string };
      };
      key = `${entry.level === 40 ? 'warn' : 'error'}: ${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message.slice(0, 80)})` : ''}`;
    } catch {
      // Not pino's JSON: kept as its first words.
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).slice(0, 10));
}

/** Teams' activities go without a token: the process serves Teams anonymously (tests only). */
async function postTeams(url: string, activity: object) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (!response.ok) throw new Error(`/api/messages answered ${response.status}`);
}

/** Submits the round form as the admin would: #coffee, Mondays at 10:00 in London, pairs. */
async function saveRound(url: string, view: { callback_id: string; private_metadata: string }) {
  const values = roundFormValues();
  const body = form({
    payload: JSON.stringify({
      type: 'view_submission',
      team: { id: TEAM },
      user: { id: ADMIN, team_id: TEAM },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.round',
      view: {
        id: 'VROUND',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values },
      },
    }),
  });
  const answer = await postSigned(`${url}/slack/events`, body, 'application/x-www-form-urlencoded');
  if (answer.status !== 200 || answer.text.includes('errors'))
    throw new Error(`the round form answered ${answer.status}: ${answer.text}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
