import { createHash } from 'node:crypto';

/**
 * A person as the Bot Connector's roster returns them. `id` is the bot-specific '29:…' id that
 * activities carry; `aadObjectId` is the Entra object id, the same for every app.
 */
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
  userRole: 'user' | 'guest';
  tenantId: string;
  /** Not in the roster: where the person's Teams client says they are (the clientInfo entity). */
  timezone: string;
}

export interface TeamsBot {
  appId: string;
  /** '28:<app id>', the bot's id in activities. */
  id: string;
  name: string;
}

export interface TeamsChannel {
  id: string;
  /** Teams leaves the General channel's name out, so that clients can translate it. */
  name?: string;
}

export interface TeamsTeam {
  /** The team's thread id, which is also the General channel's id. */
  id: string;
  name: string;
  aadGroupId: string;
  general: TeamsChannel;
  kudos: TeamsChannel;
  members: TeamsUser[];
}

export interface TeamsFixture {
  tenantId: string;
  bot: TeamsBot;
  team: TeamsTeam;
  groupChat: { id: string; members: TeamsUser[] };
  people: {
    ana: TeamsUser;
    li: TeamsUser;
    sam: TeamsUser;
    priya: TeamsUser;
    /** A guest from a partner organisation, in the team but not of the tenant. */
    kim: TeamsUser;
  };
}

const digest = (seed: string) => createHash('sha256').update(seed).digest();

/** A GUID derived from `seed`, so that fixtures are stable from run to run. */
export function guid(seed: string): string {
  const hex = digest(seed).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Teams' opaque ids: a long base64url tail, with the '-' and '_' that break naive parsing. */
const opaque = (seed: string) =>
  Buffer.concat([digest(seed), digest(`${seed}/2`)])
    .toString('base64url')
    .slice(0, 84);

const thread = (seed: string, kind: 'tacv2' | 'v2') =>
  `19:${digest(seed).toString('hex').slice(0, 32)}@thread.${kind}`;

/**
 * The id of a person's 1:1 chat with the bot. Teams hands the same id back every time the bot
 * creates that chat, so the fake connector and the activity builders derive it alike.
 */
export function personalConversationId(userId: string): string {
  return `a:1${opaque(`personal/${userId}`)}`;
}

export function teamsUser(
  givenName: string,
  surname: string,
  options: { tenantId: string; domain?: string; timezone?: string; guestOf?: string },
): TeamsUser {
  const domain = options.domain ?? 'contoso.com';
  const local = `${givenName}.${surname}`.toLowerCase();
  const seed = `${options.tenantId}/${local}@${domain}`;
  const guest = options.guestOf !== undefined;
  return {
    id: `29:1${opaque(`user/${seed}`)}`,
    aadObjectId: guid(`aad/${seed}`),
    name: guest ? `${givenName} ${surname} (Guest)` : `${givenName} ${surname}`,
    givenName,
    surname,
    email: `${local}@${domain}`,
    // Guests' principal names are their address rewritten into the host tenant.
    userPrincipalName: guest
      ? `${local}_${domain}#EXT#@${options.guestOf}.onmicrosoft.com`
      : `${local}@${domain}`,
    userRole: guest ? 'guest' : 'user',
    tenantId: options.tenantId,
    timezone: options.timezone ?? 'UTC',
  };
}

/** `count` more colleagues, for rosters long enough to need several pages. */
export function teamsUsers(count: number, tenantId: string, prefix = 'Person'): TeamsUser[] {
  return Array.from({ length: count }, (_, i) =>
    teamsUser(prefix, String(i + 1).padStart(4, '0'), { tenantId }),
  );
}

/**
 * Contoso on Teams: a tenant, the Rapport bot, one team with a General and a Kudos channel, a
 * group chat, and the people the Slack fixture has (same names, Teams ids). `seed` makes a
 * second, unrelated tenant.
 */
export function teamsFixture(seed = 'contoso'): TeamsFixture {
  const tenantId = guid(`tenant/${seed}`);
  const appId = guid(`app/${seed}`);
  const person = (given: string, surname: string, timezone: string) =>
    teamsUser(given, surname, { tenantId, domain: `${seed}.com`, timezone });
  const people = {
    ana: person('Ana', 'Silva', 'Asia/Singapore'),
    li: person('Li', 'Wei', 'America/New_York'),
    sam: person('Sam', 'Okafor', 'Europe/London'),
    priya: person('Priya', 'Natarajan', 'Asia/Kolkata'),
    kim: teamsUser('Kim', 'Lee', {
      tenantId,
      domain: 'partner.example',
      timezone: 'America/New_York',
      guestOf: seed,
    }),
  };
  const teamId = thread(`team/${seed}`, 'tacv2');
  return {
    tenantId,
    bot: { appId, id: `28:${appId}`, name: 'Rapport' },
    team: {
      id: teamId,
      name: 'Contoso',
      aadGroupId: guid(`group/${seed}`),
      general: { id: teamId },
      kudos: { id: thread(`kudos/${seed}`, 'tacv2'), name: 'Kudos' },
      members: Object.values(people),
    },
    groupChat: {
      id: thread(`chat/${seed}`, 'v2'),
      members: [people.ana, people.li, people.priya],
    },
    people,
  };
}
