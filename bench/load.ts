/**
 * Command acknowledgement under load (issue 13, point 2): signed /kudos requests, and Teams
 * "kudos @someone for …" messages, from autocannon on loopback at several concurrencies,
 * against Rapport (a real process on Postgres, with the fake Slack and the fake Bot Connector
 * as its platforms) and, in the same run and alternating with it, against a bare app of the
 * same SDK that only acknowledges. Every request is new: its own trigger or activity id, the
 * next giver in turn, and a recipient that rotates through the workspace.
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:load -- [--levels 1,8,32,128] [--seconds 10]
 *     [--rounds 2] [--people 150] [--platforms slack,teams] [--rates 25,50,100]
 *
 * The levels send each request as soon as the last is answered, so at every level the
 * server's one core is saturated and an acknowledgement waits behind the work after the ones
 * before it. The rates pace the load instead, with random gaps as people's commands arrive
 * (load/paced.ts): what an acknowledgement costs below a replica's capacity.
 *
 * Each level runs `--rounds` rounds a side, Rapport then the bare app, of seconds/rounds each;
 * after each Rapport round the bench waits until the fakes have every public post and DM
 * (at most a minute), so the bare app never runs beside Rapport's catch-up. Both servers are
 * pinned to one core, the load generator to the other. Prints one JSON object per platform
 * and level; on the embedded database it says it needs Postgres and skips.
 */
import { rapportRound, measured, type Load, type Platform, type RapportRound } from './load/round';
import { rssMb, startWorld, type World } from './load/world';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};

const CATCH_UP_LIMIT_MS = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

/** Rounds of one side merged: rates over the whole time, p50 the mean, p99 the worst. */
function merged(loads: Load[]) {
  const seconds = sum(loads.map((l) => l.seconds));
  return {
    requests: sum(loads.map((l) => l.ok + l.non2xx)),
    perSecond: round1(sum(loads.map((l) => l.ok)) / seconds),
    p50: round1(mean(loads.map((l) => l.p50))),
    p99: round1(Math.max(...loads.map((l) => l.p99))),
    errors: sum(loads.map((l) => l.errors + l.non2xx)),
    cpuMsPerRequest: Math.round(mean(loads.map((l) => l.cpuMsPerRequest ?? 0)) * 100) / 100,
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

function level(
  platform: Platform,
  connections: number,
  rate: number,
  rapport: RapportRound[],
  bare: Load[],
) {
  const r = merged(rapport.map((x) => x.load));
  const b = merged(bare);
  return {
    benchmark: 'load',
    platform,
    ...(rate ? { ratePerSecond: rate } : { concurrency: connections }),
    rapport: {
      ...r,
      busy: sum(rapport.map((x) => x.busy)),
      acknowledged: sum(rapport.map((x) => x.acknowledged)),
      recorded: sum(rapport.map((x) => x.recorded)),
      workErrors: sum(rapport.map((x) => x.workErrors)),
      behindAtStop: {
        posts: Math.max(...rapport.map((x) => x.behind.posts)),
        dms: Math.max(...rapport.map((x) => x.behind.dms)),
      },
      caughtUpSeconds: rapport.some((x) => x.caughtUpMs === null)
        ? null
        : round1(Math.max(...rapport.map((x) => x.caughtUpMs!)) / 1000),
      peakRssMb: Math.max(...rapport.map((x) => x.peakRssMb)),
    },
    bare: b,
    ratio: {
      perSecond: ratio(r.perSecond, b.perSecond),
      p50: ratio(r.p50, b.p50),
      p99: ratio(r.p99, b.p99),
    },
  };
}

const numbers = (name: string, fallback: string) =>
  option(name, fallback).split(',').filter(Boolean).map(Number);

async function run(world: World, platform: Platform, people: number) {
  const runs = [
    ...numbers('levels', '1,8,32,128').map((connections) => ({ connections, rate: 0 })),
    ...numbers('rates', '25,50,100').map((rate) => ({ connections: 0, rate })),
  ];
  const rounds = Number(option('rounds', '2'));
  const seconds = Math.max(1, Math.round(Number(option('seconds', '10')) / rounds));
  const bareApp = platform === 'slack' ? world.bareSlack : world.bareTeams;
  const fakeUrl = platform === 'slack' ? world.slack.url : world.connector.url;
  for (const { connections, rate } of runs) {
    const rapport: RapportRound[] = [];
    const bare: Load[] = [];
    for (let i = 0; i < rounds; i += 1) {
      rapport.push(
        await rapportRound(world, platform, connections, seconds, people, CATCH_UP_LIMIT_MS, rate),
      );
      bare.push(
        await measured(
          bareApp.child.pid!,
          platform,
          bareApp.url,
          connections,
          seconds,
          people,
          fakeUrl,
          rate,
        ),
      );
    }
    console.log(JSON.stringify(level(platform, connections, rate, rapport, bare)));
  }
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log(
      JSON.stringify({
        benchmark: 'load',
        skipped: 'needs BENCH_DATABASE_URL: it measures Rapport on a real Postgres only',
      }),
    );
    return;
  }
  const people = Number(option('people', '150'));
  const world = await startWorld(url, people);
  try {
    const started = rssMb(world.rapport.child.pid!);
    for (const platform of option('platforms', 'slack,teams').split(',') as Platform[])
      await run(world, platform, people);
    console.log(
      JSON.stringify({
        benchmark: 'load',
        rapportRssMb: { afterStart: started, atEnd: rssMb(world.rapport.child.pid!) },
      }),
    );
  } finally {
    await world.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
