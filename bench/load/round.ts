import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { ROOT } from '../../test/support/processes';
import { cpuMs, GENERATOR_CPU, rssMb, type World } from './world';

export type Platform = 'slack' | 'teams';

/** What the load generator saw. */
export interface Load {
  sent: number;
  /** Slack only: acknowledgements that said "busy" (they have a body; the others are empty). */
  busy: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** The server's CPU time per answered request while the load ran (not the work after it). */
  cpuMsPerRequest?: number;
}

let rounds = 0;

/** The load against a server process, with the CPU time it spent meanwhile. */
export async function measured(pid: number, ...args: Parameters<typeof generate>): Promise<Load> {
  const before = cpuMs(pid);
  const load = await generate(...args);
  const per = (cpuMs(pid) - before) / Math.max(1, load.ok + load.non2xx);
  return { ...load, cpuMsPerRequest: Math.round(per * 100) / 100 };
}

/** Runs the load generator, on its own core, against `url` for `seconds`. */
export function generate(
  platform: Platform,
  url: string,
  connections: number,
  seconds: number,
  people: number,
  fakeUrl: string,
  /** Requests per second over all connections; 0 sends each as soon as the last is answered. */
  rate = 0,
): Promise<Load> {
  const args = [
    '-c',
    GENERATOR_CPU,
    process.execPath,
    '--import',
    'tsx',
    'bench/load/generator.ts',
  ];
  const params = [platform, url, connections, seconds, people, fakeUrl, `r${++rounds}`, rate];
  const child = spawn('taskset', [...args, ...params.map(String)], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`load generator failed (${code}):\n${err}`));
      else resolve(JSON.parse(line) as Load);
    }),
  );
}

/** What the fakes have seen of Rapport's work after the acknowledgement, so far. */
function seen(world: World, platform: Platform) {
  if (platform === 'slack')
    return {
      posts: world.slack.responses.filter((r) => r.body.response_type === 'in_channel').length,
      dms: world.slack.messages.filter((m) => m.channel.startsWith('D')).length,
    };
  const activities = world.connector.activities;
  return {
    // Both the celebrations and any "busy" answers are replies in the channel's thread.
    posts: activities.filter((a) => a.conversationId.startsWith('19:')).length,
    dms: activities.filter((a) => a.conversationId.startsWith('a:')).length,
  };
}

const busyLines = (output: string) => output.split('"busy: ').length - 1;

async function kudosRecorded(world: World, platform: Platform): Promise<number> {
  const row = await world.database.db
    .selectFrom('kudos')
    .where('workspace_id', '=', world.workspaces[platform])
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface RapportRound {
  load: Load;
  /** Requests answered "busy". */
  busy: number;
  /** Kudos acknowledged (answered, and not "busy"). */
  acknowledged: number;
  /** At the moment the load stopped: acknowledged kudos whose public post / DM had not arrived. */
  behind: { posts: number; dms: number };
  /** From the end of the load until the fakes had every post and DM; null if they never did. */
  caughtUpMs: number | null;
  /** Kudos the database holds from this round (a refused one would show as a shortfall). */
  recorded: number;
  /** Errors Rapport logged meanwhile. */
  workErrors: number;
  peakRssMb: number;
}

/** One round against Rapport: the load, then the wait for the work after it. */
export async function rapportRound(
  world: World,
  platform: Platform,
  connections: number,
  seconds: number,
  people: number,
  catchUpLimitMs: number,
  rate = 0,
): Promise<RapportRound> {
  const pid = world.rapport.child.pid!;
  const fakeUrl = platform === 'slack' ? world.slack.url : world.connector.url;
  const before = { ...seen(world, platform), log: world.rapport.output().length };
  const recordedBefore = await kudosRecorded(world, platform);
  let peakRssMb = rssMb(pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 250);
  try {
    const load = await measured(
      pid,
      platform,
      world.rapport.url,
      connections,
      seconds,
      people,
      fakeUrl,
      rate,
    );
    const stopped = Date.now();
    const at = seen(world, platform);
    const output = () => world.rapport.output().slice(before.log);
    // Slack's "busy" is the acknowledgement's body, which the generator read; Teams' is a
    // reply in the channel, known from Rapport's log (read again: the lines arrive late).
    const busyNow = () => (platform === 'slack' ? load.busy : busyLines(output()));
    // On Teams a busy answer is a reply in the channel too.
    const posts = (n: { posts: number }) =>
      n.posts - before.posts - (platform === 'teams' ? busyNow() : 0);
    // Requests still in flight when the load stopped were acknowledged too, unseen by the
    // generator: the kudos recorded so far count as well, once their number stops growing.
    let caughtUpMs: number | null = null;
    let last = -1;
    while (Date.now() - stopped < catchUpLimitMs) {
      const recorded = (await kudosRecorded(world, platform)) - recordedBefore;
      const target = Math.max(load.ok - busyNow(), recorded);
      const now = seen(world, platform);
      if (recorded === last && posts(now) >= target && now.dms - before.dms >= target) {
        caughtUpMs = Date.now() - stopped;
        break;
      }
      last = recorded;
      await new Promise((r) => setTimeout(r, 50));
    }
    const busy = busyNow();
    const acknowledged = load.ok - busy;
    return {
      load,
      busy,
      acknowledged,
      behind: {
        posts: Math.max(0, acknowledged - posts(at)),
        dms: Math.max(0, acknowledged - (at.dms - before.dms)),
      },
      caughtUpMs,
      recorded: (await kudosRecorded(world, platform)) - recordedBefore,
      // pino's "error" level: a request whose work failed.
      workErrors: output().split('"level":50').length - 1,
      peakRssMb,
    };
  } finally {
    clearInterval(sampler);
  }
}
