import type { SlackUser } from '../../src/adapters/slack/directory';
import { decodePayload } from '../../src/core/conversation/actions';
import type { FakeSlack } from './fake-slack';
import { form, postSigned, slashCommandForm } from './slack-requests';
import { BOT_USER_ID, DEPARTMENT_FIELD, TEAM_ID } from './slack-team';
import type { TeamsTestApp } from './teams-app';
import { buttonsOf } from './teams-cards';
import { teamsUser, type TeamsUser } from './teams-fixture';
import type { Place } from './teams-activities';

/** The people both workspaces have, under the same names. */
export type Who = 'ana' | 'li' | 'sam' | 'priya' | 'noor';
/** A command's words: text, and the people it @mentions. */
export type Words = Array<string | { at: Who }>;
export const at = (who: Who) => ({ at: who });

/** Something that identifies one workspace, searched for in the other's outputs. */
export interface Needle {
  label: string;
  found(text: string): number;
}

const substring = (label: string, needle: string): Needle => ({
  label,
  found: (text) => text.indexOf(needle),
});
/** A short id (`ULI`, `CKUDOS`) only as a whole token, never inside a longer one. */
const token = (label: string, id: string): Needle => {
  const re = new RegExp(`(?<![A-Za-z0-9])${id}(?![A-Za-z0-9])`);
  return { label, found: (text) => text.search(re) };
};

/**
 * One workspace as its people use it: commands, buttons, Home, newcomers, and everything the
 * platform received from Rapport there, read back for the isolation test.
 */
export interface Side {
  platform: 'slack' | 'teams';
  /** A word that only this workspace's data holds. */
  marker: string;
  workspaceId: string;
  ids: Record<Who, string>;
  kudosChannel: string;
  roundChannel: string;
  command(
    who: Who,
    name: 'kudos' | 'followup' | 'rapport',
    words: Words,
    where?: 'dm' | 'kudos' | 'rounds',
  ): Promise<void>;
  openHome(who: Who): Promise<void>;
  /** Noor joins the workspace after install. */
  newcomer(): Promise<void>;
  /** Presses, as its reader would, every button not pressed yet; returns how many. */
  pressEverything(): Promise<number>;
  /** Everything the platform got from Rapport in this workspace, as text. */
  outputs(): string[];
  needles(): Needle[];
}

const SLACK_IDS: Record<Who, string> = {
  ana: 'UANA',
  li: 'ULI',
  sam: 'USAM',
  priya: 'UPRIYA',
  noor: 'UNOOR',
};

function slackPerson(id: string, name: string, department: string | null, tz: string): SlackUser {
  return {
    id,
    team_id: TEAM_ID,
    name: name.split(' ')[0]!.toLowerCase(),
    real_name: name,
    tz,
    deleted: false,
    is_bot: false,
    ...(id === 'UANA' && { is_admin: true }),
    profile: {
      real_name: name,
      title: '',
      fields: department ? { [DEPARTMENT_FIELD]: { value: department } } : {},
    },
  };
}

/** The Slack directory: Teams' people by name, departments marked as Slack's. */
export function markedSlackUsers(marker: string): SlackUser[] {
  return [
    slackPerson('UANA', 'Ana Silva', `Product ${marker}`, 'Asia/Singapore'),
    slackPerson('ULI', 'Li Wei', `Engineering ${marker}`, 'America/New_York'),
    slackPerson('USAM', 'Sam Okafor', `Engineering ${marker}`, 'Europe/London'),
    // Priya says her department herself, as everyone on Teams does.
    slackPerson('UPRIYA', 'Priya Natarajan', null, 'Asia/Kolkata'),
    { ...slackPerson(BOT_USER_ID, 'Rapport', null, 'UTC'), is_bot: true },
  ];
}

const NEWCOMER_DEPARTMENT = (marker: string) => `Finance ${marker}`;

/**
 * Suggestions come several to a message, and again in every weekly DM, welcome, Home view and
 * `/rapport suggest`: each kind of these (a welcome's introduction is another kind than a
 * suggestion's) is pressed once per workspace, on the first card that has it, which keeps the
 * test short. Every other button is pressed on every card; every card is read for leaks.
 */
const ONCE_PER_KIND = new Set(['suggestion_introduce', 'suggestion_not_now']);
const pressKey = (card: string, action: string, payload: Record<string, unknown>) =>
  ONCE_PER_KIND.has(action)
    ? `${action}(${Object.keys(payload).sort().join(',')})`
    : `${card}|${action}|${JSON.stringify(payload)}`;

let sequence = 0;
const next = () => `${Date.now()}${++sequence}`;

interface SlackButton {
  presser: string;
  actionId: string;
  value: string;
  view: boolean;
}

/** Block Kit buttons anywhere in a structure (elements, accessories), links left out. */
function slackButtons(node: unknown): Array<{ action_id: string; value?: string }> {
  if (Array.isArray(node)) return node.flatMap(slackButtons);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own =
    o.type === 'button' && typeof o.action_id === 'string' && !o.url
      ? [o as { action_id: string; value?: string }]
      : [];
  return [...own, ...Object.values(o).flatMap(slackButtons)];
}

export function slackSide(
  app: TeamsTestApp,
  fake: FakeSlack,
  workspaceId: string,
  marker: string,
): Side {
  const ids = SLACK_IDS;
  const idle = () => app.server.adapter('slack')!.idle();
  // Whose answer each response_url carries: the command's or the button's person.
  const owners = new Map<string, string>();
  const pressed = new Set<string>();
  const post = (body: string) =>
    postSigned(`${app.url}/slack/events`, body, 'application/x-www-form-urlencoded');
  const event = async (e: Record<string, unknown>) => {
    await postSigned(
      `${app.url}/slack/events`,
      JSON.stringify({
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        api_app_id: 'A0RAPPORT',
        event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...e },
        type: 'event_callback',
        event_id: `Ev${next()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
      }),
      'application/json',
    );
    await idle();
  };
  const channels = { kudos: 'CKUDOS', rounds: 'CROUNDS' };

  /** Every button in what Slack holds, with who would press it. */
  function buttons(): Array<SlackButton & { key: string }> {
    const found: Array<SlackButton & { key: string }> = [];
    const add = (source: string, node: unknown, presser: string | undefined, view: boolean) => {
      if (!presser) return;
      for (const b of slackButtons(node))
        found.push({
          key: pressKey(source, b.action_id, decodePayload(b.value)),
          presser,
          actionId: b.action_id,
          value: b.value ?? '',
          view,
        });
    };
    const groups = new Map<string, string>();
    fake.calls.forEach((call, i) => {
      if (call.method === 'conversations.open') {
        const users = String(call.args.users ?? '')
          .split(',')
          .filter(Boolean)
          .sort();
        groups.set(`D${users.join('')}`, users[0]!);
      }
      if (call.method === 'chat.postMessage') {
        const channel = String(call.args.channel);
        // A DM by user id, a group DM, or a channel post (pressed by the admin).
        const presser = /^[UW]/.test(channel) ? channel : (groups.get(channel) ?? ids.ana);
        add(`call${i}`, call.args.blocks, presser, false);
      }
      if (call.method === 'views.publish')
        add(`call${i}`, call.args.view?.blocks, String(call.args.user_id), true);
    });
    fake.responses.forEach((r, i) => add(`response${i}`, r.body.blocks, owners.get(r.path), false));
    return found;
  }

  return {
    platform: 'slack',
    marker,
    workspaceId,
    ids,
    kudosChannel: channels.kudos,
    roundChannel: channels.rounds,
    async command(who, name, words, where = 'dm') {
      const user = ids[who];
      const responseUrl = fake.responseUrl();
      owners.set(new URL(responseUrl).pathname, user);
      const text = words
        .map((w) => (typeof w === 'string' ? w : `<@${ids[w.at]}|${w.at}>`))
        .join('');
      await post(
        slashCommandForm({
          command: `/${name}`,
          text,
          responseUrl,
          triggerId: `trigger.${next()}`,
          team: TEAM_ID,
          channel: where === 'dm' ? `D${user}` : channels[where],
          user,
        }),
      );
      await idle();
    },
    openHome: (who) =>
      event({ type: 'app_home_opened', user: ids[who], tab: 'home', channel: `D${ids[who]}` }),
    async newcomer() {
      const user = slackPerson(ids.noor, 'Noor Haddad', NEWCOMER_DEPARTMENT(marker), 'UTC');
      fake.teams.get(TEAM_ID)!.users.push(user);
      await event({ type: 'team_join', user });
    },
    async pressEverything() {
      let count = 0;
      for (const b of buttons()) {
        if (pressed.has(b.key)) continue;
        pressed.add(b.key);
        count += 1;
        const responseUrl = fake.responseUrl(`press-${next()}`);
        owners.set(new URL(responseUrl).pathname, b.presser);
        const where = b.view
          ? {
              container: { type: 'view', view_id: 'VHOME' },
              view: { id: 'VHOME', type: 'home', callback_id: '' },
            }
          : {
              channel: { id: `D${b.presser}` },
              container: { type: 'message', message_ts: '1.1' },
              message: { type: 'message', ts: '1.1', text: 'Rapport' },
              response_url: responseUrl,
            };
        await post(
          form({
            payload: JSON.stringify({
              type: 'block_actions',
              team: { id: TEAM_ID },
              user: { id: b.presser, team_id: TEAM_ID },
              api_app_id: 'A0RAPPORT',
              trigger_id: `trigger.${next()}`,
              actions: [
                {
                  type: 'button',
                  action_id: b.actionId,
                  block_id: 'b',
                  value: b.value,
                  action_ts: '1',
                },
              ],
              ...where,
            }),
          }),
        );
        await idle();
      }
      return count;
    },
    outputs() {
      return [
        ...fake.calls.map((c) => `${c.method} ${JSON.stringify(c.args)}`),
        ...fake.responses.map((r) => JSON.stringify(r.body)),
        // Pictures are drawn from the same data as the tables beside them.
        ...fake.files
          .filter((f) => !f.filename.endsWith('.png'))
          .map((f) => `${f.filename} ${f.title} ${f.content.toString('utf8')}`),
      ];
    },
    needles: () => [
      substring('Slack marker', marker),
      substring('Slack workspace id', workspaceId),
      token('Slack team id', TEAM_ID),
      ...Object.entries(ids).map(([who, id]) => token(`Slack ${who}'s id`, id)),
      ...Object.entries(channels).map(([what, id]) => token(`Slack ${what} channel`, id)),
    ],
  };
}

export function teamsSide(app: TeamsTestApp, workspaceId: string, marker: string): Side {
  const fx = app.fx;
  const noor = teamsUser('Noor', 'Haddad', { tenantId: fx.tenantId, domain: 'contoso.com' });
  const people: Record<Who, TeamsUser> = { ...fx.people, noor };
  const ids = Object.fromEntries(
    Object.entries(people).map(([who, p]) => [who, p.aadObjectId]),
  ) as Record<Who, string>;
  const idle = () => app.teams.idle();
  const answers: unknown[] = [];
  const files: string[] = [];
  const fetched = new Set<string>();
  const pressed = new Set<string>();

  /** Files are offered by links that last an hour: fetched as soon as they are offered. */
  async function download(): Promise<void> {
    for (const sent of app.fake.activities)
      for (const b of buttonsOf(sent.activity)) {
        if (b.type !== 'Action.OpenUrl' || !b.url?.includes('/files/')) continue;
        const path = new URL(b.url).pathname;
        if (fetched.has(path)) continue;
        fetched.add(path);
        const got = await fetch(`${app.url}${path}`);
        if (!got.headers.get('content-type')?.startsWith('image/'))
          files.push(`${path} ${got.status} ${await got.text()}`);
      }
  }

  return {
    platform: 'teams',
    marker,
    workspaceId,
    ids,
    kudosChannel: fx.team.kudos.id,
    roundChannel: fx.team.general.id,
    async command(who, name, words, where = 'dm') {
      const person = people[who];
      const parts = [`${name} `, ...words.map((w) => (typeof w === 'string' ? w : people[w.at]))];
      const activity =
        where === 'dm'
          ? app.activities.personalMessage(person, parts)
          : app.activities.channelMessage(person, parts, {
              channel: where === 'kudos' ? fx.team.kudos : fx.team.general,
            });
      const res = await app.post(activity);
      if (res.body !== undefined) answers.push(res.body);
      await idle();
      await download();
    },
    openHome(who) {
      return this.command(who, 'rapport', ['home']);
    },
    async newcomer() {
      app.fake.roster.addPeople([noor]);
      app.fake.roster.setMembers(fx.team.id, [...fx.team.members, noor]);
      await app.post(app.activities.usersAddedToTeam(fx.people.ana, [noor]));
      await idle();
      await app.post(app.activities.personalMessage(noor, `rapport department Finance ${marker}`));
      await idle();
    },
    async pressEverything() {
      let count = 0;
      for (const sent of [...app.fake.activities]) {
        if (sent.deleted) continue;
        const where = app.fake.roster.conversation(sent.conversationId);
        const presser = where?.user ?? fx.people.ana;
        const place: Place = where?.user
          ? { in: 'personal' }
          : { in: 'channel', channel: { id: where?.id ?? fx.team.general.id } };
        for (const b of buttonsOf(sent.activity)) {
          if (b.type !== 'Action.Execute' || !b.verb || b.verb.startsWith('form:')) continue;
          const key = pressKey(`${sent.id}|${b.title}`, b.verb, b.data ?? {});
          if (pressed.has(key)) continue;
          pressed.add(key);
          count += 1;
          const res = await app.post(
            app.activities.cardAction(
              presser,
              { verb: b.verb, data: b.data ?? {}, replyToId: sent.id },
              place,
            ),
          );
          answers.push(res.body);
          await idle();
        }
      }
      await download();
      return count;
    },
    outputs() {
      return [
        ...app.fake.activities.flatMap((a) => a.versions.map((v) => JSON.stringify(v))),
        ...app.fake.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? null)}`),
        ...answers.map((a) => JSON.stringify(a)),
        ...files,
      ];
    },
    needles: () => [
      substring('Teams marker', marker),
      substring('Teams workspace id', workspaceId),
      substring('Teams tenant id', fx.tenantId),
      ...Object.entries(people).flatMap(([who, p]) => [
        substring(`Teams ${who}'s object id`, p.aadObjectId),
        substring(`Teams ${who}'s chat id`, p.id),
        substring(`Teams ${who}'s address`, p.email),
      ]),
      substring('Teams team id', fx.team.id),
      substring('Teams kudos channel', fx.team.kudos.id),
    ],
  };
}

/** Where any of `needles` shows in `outputs`: one line per leak, naming it, with its context. */
export function leaks(outputs: string[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const n of needles)
    for (const text of outputs) {
      const i = n.found(text);
      if (i < 0) continue;
      found.push(`${n.label} in …${text.slice(Math.max(0, i - 120), i + 80)}…`);
      break;
    }
  return found;
}
