/**
 * The load generator, a process of its own so that its event loop is neither the server's nor
 * the fakes': autocannon against one target, every request a new signed /kudos (or a Teams
 * message activity), printing autocannon's figures as one JSON line.
 *
 *   tsx bench/load/generator.ts <slack|teams> <url> <connections> <seconds> <people> <fake url> <tag> [rate]
 *
 * With a rate (requests per second) the load is paced, as people's commands arrive (see
 * paced.ts), rather than sent as fast as the server answers. Percentiles are taken from every
 * answer's own time: autocannon's histogram holds whole milliseconds, and a bare app's
 * acknowledgement takes less than one.
 */
import autocannon from 'autocannon';
import {
  slackSignature,
  slashCommandForm,
  SIGNING_SECRET,
} from '../../test/support/slack-requests';
import { paced } from './paced';
import type { Load } from './round';
import { pair, SLACK_TEAM, slackId, teamsActivities, teamsPeople } from './people';

const [platform, url, connections, seconds, people, fakeUrl, tag, rate] = process.argv.slice(2);
const count = Number(people);
let sent = 0;
let busy = 0;
const started = Date.now();

/** A /kudos as Slack posts it: the full field set, a fresh trigger id, signed over its bytes. */
function slackKudos(): { headers: Record<string, string>; body: string } {
  const n = sent++;
  const [giver, recipient] = pair(n, count);
  const body = slashCommandForm({
    command: '/kudos',
    text: `<@${slackId(recipient)}|person${recipient}> thanks for the careful review #teamwork`,
    responseUrl: `${fakeUrl}/respond/${tag}-${n}`,
    triggerId: `${Date.now()}.${tag}.${n}.${process.pid}`,
    team: SLACK_TEAM,
    channel: 'CLOAD',
    user: slackId(giver),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    },
    body,
  };
}

const fx = teamsPeople(count);
const members = fx.team.members.slice(-count);
const activities = teamsActivities(fx, `${fakeUrl}/amer/`);

/** "kudos @someone for …" posted in the team's General channel, mentioning the bot. */
function teamsKudos(): { headers: Record<string, string>; body: string } {
  const n = sent++;
  const [giver, recipient] = pair(n, count);
  const activity = activities.channelMessage(
    members[giver]!,
    ['kudos ', members[recipient]!, ' for the careful review #teamwork'],
    // Teams' ids are the millisecond of the post; these stay unique across generator runs.
    { id: String(BigInt(started) * 1_000_000n + BigInt(n)) },
  );
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
}

const times: number[] = [];
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.ceil((p / 100) * sorted.length) - 1]! : 0;
const ms2 = (n: number) => Math.round(n * 100) / 100;

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error as Error) : resolve(result),
    );
    instance.on('response', (_client, status: number, _bytes, responseTime: number) => {
      if (status >= 200 && status < 300) times.push(responseTime);
    });
  });
}

async function main() {
  const next = platform === 'slack' ? slackKudos : teamsKudos;
  const target = `${url}${platform === 'slack' ? '/slack/events' : '/api/messages'}`;
  if (Number(rate) > 0) {
    const {
      times: answered,
      withBody,
      ...r
    } = await paced(target, Number(rate), Number(seconds), next);
    print({ ...r, busy: withBody, perSecond: r.ok / r.seconds }, answered);
    return;
  }
  const result = await load({
    url: target,
    connections: Number(connections),
    duration: Number(seconds),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, ...next() }),
        onResponse: (status, body) => {
          if (status === 200 && body.length > 0) busy += 1;
        },
      },
    ],
  });
  print(
    {
      sent: result.requests.sent,
      busy,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      seconds: result.duration,
      perSecond: result.requests.average,
    },
    times,
  );
}

function print(figures: Omit<Load, 'p50' | 'p99' | 'max' | 'cpuMsPerRequest'>, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      ...figures,
      // Teams' "busy" is a reply in the channel, which the bench counts from Rapport's log.
      busy: platform === 'slack' ? figures.busy : 0,
      perSecond: Math.round(figures.perSecond * 10) / 10,
      p50: ms2(percentile(sorted, 50)),
      p99: ms2(percentile(sorted, 99)),
      max: ms2(sorted.at(-1) ?? 0),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
