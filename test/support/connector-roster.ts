import { errorAnswer, TEAMS_ERRORS, type Answer } from './connector-errors';
import {
  personalConversationId,
  type TeamsChannel,
  type TeamsFixture,
  type TeamsUser,
} from './teams-fixture';

/** Where an activity can go, as the Bot Connector sees it. */
export interface KnownConversation {
  kind: 'personal' | 'groupChat' | 'channel';
  /** The conversation's own id, without a channel thread's ';messageid=…'. */
  id: string;
  members: TeamsUser[];
  /** The team a channel belongs to, or the group chat: what removing the bot affects. */
  home: string;
  user?: TeamsUser;
}

/** The channel part of a thread id: '19:…@thread.tacv2;messageid=1700…' → '19:…@thread.tacv2'. */
export const baseConversationId = (id: string) => id.split(';')[0]!;

/** `id` is `within` itself and, for a channel, its threads. */
export const within = (id: string, conversationId: string) =>
  id === conversationId || id.startsWith(`${conversationId};`);

/**
 * The tenant as the connector knows it: teams (each channel shares the team's roster), group
 * chats, and the people whose 1:1 chats with the bot exist.
 */
export class ConnectorRoster {
  private readonly teams = new Map<string, { members: TeamsUser[]; channels: Set<string> }>();
  private readonly chats = new Map<string, TeamsUser[]>();
  private readonly people = new Map<string, TeamsUser>();
  private readonly personalChats = new Map<string, TeamsUser>();
  /** Teams and chats the bot was removed from. */
  readonly removed = new Set<string>();
  /** aadObjectIds of people who blocked the bot. */
  readonly blocked = new Set<string>();

  addFixture(fx: TeamsFixture): void {
    this.addTeam({ id: fx.team.id, members: fx.team.members, channels: [fx.team.kudos] });
    this.addGroupChat(fx.groupChat);
  }

  /** A team the bot is in; the General channel's id is the team's. */
  addTeam(team: { id: string; members: TeamsUser[]; channels?: TeamsChannel[] }): void {
    const channels = new Set([team.id, ...(team.channels ?? []).map((c) => c.id)]);
    this.teams.set(team.id, { members: [...team.members], channels });
    this.addPeople(team.members);
  }

  addGroupChat(chat: { id: string; members: TeamsUser[] }): void {
    this.chats.set(chat.id, [...chat.members]);
    this.addPeople(chat.members);
  }

  /** People of the tenant who can chat with the bot 1:1 without sharing a team with it. */
  addPeople(people: TeamsUser[]): void {
    for (const p of people) {
      this.people.set(p.id, p);
      this.personalChats.set(personalConversationId(p.id), p);
    }
  }

  /** A team's (by any of its channels) or a group chat's new roster. */
  setMembers(conversationId: string, members: TeamsUser[]): void {
    const id = baseConversationId(conversationId);
    const team = [...this.teams.entries()].find(([, t]) => t.channels.has(id));
    if (team) team[1].members = [...members];
    else if (this.chats.has(id)) this.chats.set(id, [...members]);
    else throw new Error(`no team or group chat ${conversationId}`);
    this.addPeople(members);
  }

  /** A person by their '29:…' id or Entra object id (bare, or as the '8:orgid:…' MRI). */
  person(key: string): TeamsUser | undefined {
    const aadObjectId = key.replace(/^8:orgid:/, '').toLowerCase();
    return (
      this.people.get(key) ?? [...this.people.values()].find((p) => p.aadObjectId === aadObjectId)
    );
  }

  /**
   * Whom a 1:1 chat is created with: Teams takes the '29:…' id or the '8:orgid:<Entra id>' MRI,
   * and not an email address or principal name (msteams-docs send-proactive-messages.md).
   */
  recipient(memberId: string): TeamsUser | undefined {
    return /^(29|8:orgid):/.test(memberId) ? this.person(memberId) : undefined;
  }

  conversation(conversationId: string): KnownConversation | undefined {
    const id = baseConversationId(conversationId);
    for (const [teamId, team] of this.teams)
      if (team.channels.has(id))
        return { kind: 'channel', id, members: team.members, home: teamId };
    const chat = this.chats.get(id);
    if (chat) return { kind: 'groupChat', id, members: chat, home: id };
    const user = this.personalChats.get(id);
    if (user) return { kind: 'personal', id, members: [user], home: id, user };
    return undefined;
  }
}

/** A roster entry as Teams returns it. */
export function rosterEntry(m: TeamsUser, idKey: 'aadObjectId' | 'objectId') {
  return {
    id: m.id,
    name: m.name,
    [idKey]: m.aadObjectId,
    givenName: m.givenName,
    surname: m.surname,
    email: m.email,
    userPrincipalName: m.userPrincipalName,
    tenantId: m.tenantId,
    userRole: m.userRole,
  };
}

// Opaque to the client, with the '+', '/' and '=' real tokens have, which must be URL-encoded.
const encodeToken = (offset: number) =>
  Buffer.from(JSON.stringify({ offset, pad: '~~?>' })).toString('base64');

function decodeToken(token: string): number | undefined {
  try {
    const offset = JSON.parse(Buffer.from(token, 'base64').toString('utf8')).offset;
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a roster, as /pagedmembers answers it. */
export function rosterPage(
  members: TeamsUser[],
  query: Record<string, string>,
  limits: { min: number; max: number },
  idKey: 'aadObjectId' | 'objectId',
): Answer {
  const asked = query.pageSize === undefined ? limits.min : Number(query.pageSize);
  const start = query.continuationToken ? decodeToken(query.continuationToken) : 0;
  if (!Number.isInteger(asked) || asked < 0 || start === undefined)
    return errorAnswer(TEAMS_ERRORS.badArgument);
  const size = Math.min(Math.max(asked, limits.min), limits.max);
  const end = start + size;
  return {
    status: 200,
    body: {
      members: members.slice(start, end).map((m) => rosterEntry(m, idKey)),
      // Teams leaves the token out on the last page (null would loop some clients forever).
      ...(end < members.length && { continuationToken: encodeToken(end) }),
    },
  };
}
