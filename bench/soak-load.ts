/**
 * The soak's steady mixed load: each call of `next()` sends one request, as Slack or Teams
 * would, chosen round-robin from a fixed mix of commands, button presses, App Home opens,
 * Teams messages and card actions. Nothing here waits for the app's later work (DMs, the
 * Home view): that is what the queue and the fakes take care of.
 */
import { randomUUID } from 'node:crypto';
import type { SlackUser } from '../src/adapters/slack/directory';
import type { FakeConnector } from '../test/support/fake-connector';
import type { FakeSlack } from '../test/support/fake-slack';
import { form, postSigned, slashCommandForm } from '../test/support/slack-requests';
import { BOT_USER_ID } from '../test/support/slack-team';
import type { TeamsActivities } from '../test/support/teams-activities';
import type { TeamsUser } from '../test/support/teams-fixture';
import { postActivity } from '../test/support/teams-requests';

export type Kind =
  | 'slack /kudos'
  | 'slack /rapport'
  | 'slack button'
  | 'slack app home'
  | 'teams message'
  | 'teams card action';

/** Twenty requests, in the order they are sent: a fifth each kudos, /rapport and Teams messages. */
const MIX: Kind[] = [
  'slack /kudos',
  'slack /rapport',
  'slack app home',
  'teams message',
  'slack button',
  'slack /kudos',
  'slack /rapport',
  'teams card action',
  'slack app home',
  'teams message',
  'slack /kudos',
  'slack button',
  'slack /rapport',
  'teams message',
  'slack app home',
  'slack /kudos',
  'teams card action',
  'slack /rapport',
  'slack button',
  'teams message',
];

const RAPPORT_WORDS = ['me', 'suggest', 'values', 'help', 'home', 'deliveries'];
const TEAMS_WORDS = ['me', 'suggest', 'values', 'help', 'home'];

export interface LoadTargets {
  url: string;
  team: string;
  slack: FakeSlack;
  slackUsers: SlackUser[];
  connector: FakeConnector;
  teams: TeamsActivities;
  teamsPeople: TeamsUser[];
}

export function mixedLoad(t: LoadTargets) {
  let sent = 0;
  const answered = new Map<string, number>();
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const two = <T>(list: T[]): [T, T] => {
    const a = pick(list);
    let b = pick(list);
    while (b === a) b = pick(list);
    return [a, b];
  };
  const slackPost = (body: string, type: string) =>
    postSigned(`${t.url}/slack/events`, body, type).then((r) => r.status);
  const command = (command: string, text: string, user: string) =>
    slackPost(
      slashCommandForm({
        command,
        text,
        responseUrl: t.slack.responseUrl(),
        triggerId: `trigger.${randomUUID()}`,
        team: t.team,
        user,
      }),
      'application/x-www-form-urlencoded',
    );
  const press = (user: string, actionId: string, value: string) =>
    slackPost(
      form({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: t.team },
          user: { id: user, team_id: t.team },
          api_app_id: 'A0RAPPORT',
          trigger_id: `trigger.${randomUUID()}`,
          channel: { id: `D${user}` },
          container: { type: 'message', message_ts: '1.1' },
          message: { type: 'message', ts: '1.1', text: 'Rapport' },
          response_url: t.slack.responseUrl(),
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
        }),
      }),
      'application/x-www-form-urlencoded',
    );
  const homeOpened = (user: string) =>
    slackPost(
      JSON.stringify({
        token: 'legacy-verification-token',
        team_id: t.team,
        api_app_id: 'A0RAPPORT',
        event: {
          type: 'app_home_opened',
          user,
          tab: 'home',
          channel: `D${user}`,
          event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
        },
        type: 'event_callback',
        event_id: `Ev${randomUUID().replace(/-/g, '')}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          { team_id: t.team, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
      }),
      'application/json',
    );
  const teamsPost = (activity: object) => postActivity(t.url, activity).then((r) => r.status);

  const requests: Record<Kind, () => Promise<number>> = {
    'slack /kudos': () => {
      const [giver, receiver] = two(t.slackUsers);
      return command('/kudos', `<@${receiver.id}> thanks for the review #teamwork`, giver.id);
    },
    'slack /rapport': () => {
      const [user, other] = two(t.slackUsers);
      // One in five notes a meeting, which records an interaction.
      const text = Math.random() < 0.2 ? `met <@${other.id}>` : pick(RAPPORT_WORDS);
      return command('/rapport', text, user.id);
    },
    'slack button': () => {
      const [user, other] = two(t.slackUsers);
      // Not now on a suggestion, or Done on a reminder that is no longer there.
      return Math.random() < 0.5
        ? press(user.id, 'suggestion_not_now', JSON.stringify({ u: other.id, m: null }))
        : press(user.id, 'reminder_done', randomUUID());
    },
    'slack app home': () => homeOpened(pick(t.slackUsers).id),
    'teams message': () => {
      const [from, to] = two(t.teamsPeople);
      return teamsPost(
        Math.random() < 0.3
          ? t.teams.personalMessage(from, ['kudos ', to, ' thanks for the notes'])
          : t.teams.personalMessage(from, pick(TEAMS_WORDS)),
      );
    },
    'teams card action': () => {
      const person = pick(t.teamsPeople);
      // The latest card in the person's chat, as Teams would say which message was pressed.
      const last = t.connector.sentTo(person.aadObjectId).at(-1);
      return teamsPost(
        t.teams.cardAction(person, {
          verb: 'reminder_done',
          data: { id: randomUUID() },
          replyToId: last?.id ?? '1',
        }),
      );
    },
  };

  return {
    /** Sends the next request of the mix; resolves when it is answered. */
    async next(): Promise<void> {
      const kind = MIX[sent % MIX.length]!;
      sent += 1;
      const status = await requests[kind]().then(String, () => 'failed');
      const key = `${kind} ${status}`;
      answered.set(key, (answered.get(key) ?? 0) + 1);
    },
    get sent() {
      return sent;
    },
    /** Answers by kind and status, e.g. "slack /kudos 200": 1234. */
    answers: () => Object.fromEntries([...answered].sort()),
  };
}
