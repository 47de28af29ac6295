/**
 * The load generator, a process of its own so that its event loop is neither the server's nor
 * the fakes': autocannon against one target, every request a new signed /kudos (or a Teams
 * message activity), printing autocannon's figures as one JSON line.
 *
 *   tsx bench/load/generator.ts <slack|teams> <url> <connections> <seconds> <people> <fake url> <tag>
 */
import autocannon from 'autocannon';
import {
  slackSignature,
  slashCommandForm,
  SIGNING_SECRET,
} from '../../test/support/slack-requests';
import { pair, SLACK_TEAM, slackId, teamsActivities, teamsPeople } from './people';

const [platform, url, connections, seconds, people, fakeUrl, tag] = process.argv.slice(2);
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

async function main() {
  const next = platform === 'slack' ? slackKudos : teamsKudos;
  const result = await autocannon({
    url: `${url}${platform === 'slack' ? '/slack/events' : '/api/messages'}`,
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
  console.log(
    JSON.stringify({
      sent: result.requests.sent,
      busy: platform === 'slack' ? busy : 0,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      seconds: result.duration,
      perSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
