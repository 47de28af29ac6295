import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  errorAnswer,
  failureAnswer,
  TEAMS_ERRORS,
  type Answer,
  type ConnectorFailure,
} from './connector-errors';
import {
  ConnectorRoster,
  rosterEntry,
  rosterPage,
  within,
  type KnownConversation,
} from './connector-roster';
import { parseRoute, type ConnectorRoute, type Target } from './connector-routes';
import { personalConversationId } from './teams-fixture';

export type { ConnectorRoute } from './connector-routes';

export interface ConnectorCall {
  /** null: a path the Bot Connector does not have (answered 404). */
  route: ConnectorRoute | null;
  method: string;
  /** The path after the service URL's own path, as the client sent it. */
  path: string;
  query: Record<string, string>;
  conversationId?: string;
  activityId?: string;
  body: any;
  authorization: string | null;
  at: number;
  /** The status answered; undefined while held, or when the connection was dropped. */
  status?: number;
}

/** An activity the bot posted, as the conversation now shows it. */
export interface SentActivity {
  id: string;
  conversationId: string;
  route: 'createConversation' | 'sendToConversation' | 'replyToActivity';
  replyToId?: string;
  /** The latest version: updates replace it. */
  activity: any;
  /** The first post, then every update. */
  versions: any[];
  deleted: boolean;
  at: number;
}

interface PendingFailure {
  route: ConnectorRoute | 'any';
  failure: ConnectorFailure;
  conversationId?: string;
  only?: (call: ConnectorCall) => boolean;
}

/**
 * The Bot Connector REST API (v3) on loopback, as Teams serves it to a bot: creates 1:1 chats
 * and channel threads, takes activities (send, reply, update, delete), pages rosters the test
 * controls, records every call and activity, and fails on request with Teams' own error answers.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every activity the bot posted, in order. */
  readonly activities: SentActivity[] = [];
  readonly roster = new ConnectorRoster();
  /**
   * Teams serves at least 50 and at most 500 members a page, whatever pageSize asks for
   * (msteams-docs get-teams-context.md); lower `min` for short rosters over several pages.
   */
  pageLimits = { min: 50, max: 500 };
  /**
   * The paged and single-member answers name the Entra id `aadObjectId` (as Microsoft's Agents
   * Playground does); Teams' docs show `objectId`. The unpaged list always says `objectId`.
   */
  rosterIdKey: 'aadObjectId' | 'objectId' = 'aadObjectId';
  /** Teams refuses messages over about 28 KB with 413 MessageSizeTooBig. */
  maxActivityBytes = 28 * 1024;
  private readonly failures: PendingFailure[] = [];
  private readonly holds = new Map<ConnectorRoute, Promise<void>>();
  private down: { mode: 'errors' | 'no answer'; over: Promise<void> } | null = null;
  private server!: http.Server;
  private lastId = 0;
  url = '';

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /**
   * For activities' serviceUrl. Like Teams' ('https://smba.trafficmanager.net/amer/') it has a
   * path and a trailing slash: a client that resolves '/v3/…' against it loses the path and gets
   * 404. The SDK strips the slash and appends '/v3/…', so it works with or without one.
   */
  get serviceUrl(): string {
    return `${this.url}/amer/`;
  }

  /**
   * The next `times` calls of `route` ('any': of every route) fail this way; with
   * `conversationId`, only calls to that conversation (a channel: and its threads; a 1:1 chat:
   * also its creation); with `only`, only calls it accepts.
   */
  fail(
    route: ConnectorRoute | 'any',
    failure: ConnectorFailure,
    options: {
      times?: number;
      conversationId?: string;
      only?: (call: ConnectorCall) => boolean;
    } = {},
  ): void {
    const { times = 1, ...which } = options;
    for (let i = 0; i < times; i += 1) this.failures.push({ route, failure, ...which });
  }

  /**
   * The Bot Connector is down until the returned function is called: every call answers 500
   * ServiceError (`errors`) or hangs (`no answer`; its connection is cut when the outage ends),
   * carrying nothing out.
   */
  outage(mode: 'errors' | 'no answer'): () => void {
    let end!: () => void;
    this.down = { mode, over: new Promise((resolve) => (end = resolve)) };
    return () => {
      this.down = null;
      end();
    };
  }

  /** The person blocked the bot: their 1:1 chat answers 403 ConversationBlockedByUser. */
  block(aadObjectId: string): void {
    this.roster.blocked.add(aadObjectId);
  }

  /** The bot was removed from a team or chat: posting there answers 403 BotNotInConversationRoster. */
  removeBot(teamOrChatId: string): void {
    this.roster.removed.add(teamOrChatId);
  }

  /** Calls of `route` are recorded, then get no answer until the returned function is called. */
  hold(route: ConnectorRoute): () => void {
    let release!: () => void;
    this.holds.set(route, new Promise((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(route);
      release();
    };
  }

  callsTo(route: ConnectorRoute): ConnectorCall[] {
    return this.calls.filter((c) => c.route === route);
  }

  /** What the conversation shows (deleted activities left out); a channel's includes its threads. */
  activitiesIn(conversationId: string): SentActivity[] {
    return this.activities.filter((a) => !a.deleted && within(a.conversationId, conversationId));
  }

  /** What the bot sent a person in their 1:1 chat, the one createConversation hands back. */
  sentTo(aadObjectId: string): SentActivity[] {
    const user = this.roster.person(aadObjectId);
    return user ? this.activitiesIn(personalConversationId(user.id)) : [];
  }

  /** Forgets calls, activities, pending failures, blocks and removals; rosters stay. */
  reset(): void {
    this.calls.length = 0;
    this.activities.length = 0;
    this.failures.length = 0;
    this.roster.blocked.clear();
    this.roster.removed.clear();
  }

  /** Resolves once `check` returns something truthy; fails the test after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${check.toString()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const prefix = new URL(this.serviceUrl).pathname;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
    const target = path === null ? null : parseRoute(req.method ?? 'GET', path);
    const json = parseJson(raw);
    const call: ConnectorCall = {
      route: target?.route ?? null,
      method: req.method ?? 'GET',
      path: path ?? url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(target?.conversationId && { conversationId: target.conversationId }),
      ...(target?.activityId !== undefined && { activityId: target.activityId }),
      body: json ?? (raw || undefined),
      authorization: req.headers.authorization ?? null,
      at: Date.now(),
    };
    this.calls.push(call);
    const send = (answer: Answer) => {
      call.status = answer.status;
      const hasBody = answer.body !== undefined;
      res.writeHead(answer.status, {
        ...(hasBody && { 'content-type': 'application/json; charset=utf-8' }),
        ...answer.headers,
      });
      res.end(hasBody ? JSON.stringify(answer.body) : undefined);
    };

    if (!target) return send(errorAnswer({ status: 404, code: 'NotFound', message: 'Not found' }));
    await this.holds.get(target.route);
    const down = this.down;
    if (down) {
      if (down.mode === 'errors') return send(errorAnswer(TEAMS_ERRORS.serviceError));
      await down.over;
      res.socket?.destroy();
      return;
    }
    if (raw && json === undefined) return send(errorAnswer(TEAMS_ERRORS.badArgument));

    const failure = this.dueFailure(call);
    if (failure) {
      if (failure.delivered) this.answer(call, target);
      if ('drop' in failure) {
        res.socket?.destroy();
        return;
      }
      return send(failureAnswer(failure));
    }
    send(this.answer(call, target));
  }

  private dueFailure(call: ConnectorCall): ConnectorFailure | undefined {
    const conversation = call.conversationId ?? this.creationTarget(call.body);
    const index = this.failures.findIndex(
      (f) =>
        (f.route === 'any' || f.route === call.route) &&
        (f.conversationId === undefined ||
          (conversation !== undefined && within(conversation, f.conversationId))) &&
        (!f.only || f.only(call)),
    );
    return index >= 0 ? this.failures.splice(index, 1)[0]!.failure : undefined;
  }

  /** The conversation a createConversation body opens: the person's 1:1 chat, or the channel. */
  private creationTarget(body: any): string | undefined {
    if (body?.isGroup && typeof body.channelData?.channel?.id === 'string')
      return body.channelData.channel.id;
    const member = body?.members?.[0]?.id;
    const user = typeof member === 'string' ? this.roster.recipient(member) : undefined;
    return user && personalConversationId(user.id);
  }

  private answer(call: ConnectorCall, target: Target): Answer {
    if (target.route === 'createConversation') return this.createConversation(call);
    const conversation = this.roster.conversation(target.conversationId);
    if (!conversation) return errorAnswer(TEAMS_ERRORS.conversationNotFound);
    switch (target.route) {
      case 'sendToConversation':
      case 'replyToActivity': {
        const refused = this.refusal(conversation, call.body);
        if (refused) return refused;
        const sent = this.post(target.conversationId, target.route, call, target.activityId);
        return { status: 201, body: { id: sent.id } };
      }
      case 'updateActivity':
      case 'deleteActivity': {
        const sent = this.activities.find(
          (a) =>
            a.id === target.activityId && !a.deleted && within(a.conversationId, conversation.id),
        );
        if (!sent) return errorAnswer(TEAMS_ERRORS.activityNotFound);
        if (target.route === 'deleteActivity') {
          sent.deleted = true;
          return { status: 200 };
        }
        const refused = this.refusal(conversation, call.body);
        if (refused) return refused;
        sent.activity = { ...call.body, id: sent.id };
        sent.versions.push(sent.activity);
        return { status: 200, body: { id: sent.id } };
      }
      case 'getConversationMembers':
        return { status: 200, body: conversation.members.map((m) => rosterEntry(m, 'objectId')) };
      case 'getConversationMember': {
        // Teams looks a member up by '29:…' id, Entra object id or principal name.
        const key = target.memberId!;
        const found = conversation.members.find(
          (m) =>
            m.id === key ||
            m.aadObjectId === key.toLowerCase() ||
            m.userPrincipalName.toLowerCase() === key.toLowerCase(),
        );
        return found
          ? { status: 200, body: rosterEntry(found, this.rosterIdKey) }
          : errorAnswer(TEAMS_ERRORS.memberNotFound);
      }
      case 'getConversationPagedMembers':
        return rosterPage(conversation.members, call.query, this.pageLimits, this.rosterIdKey);
    }
  }

  /** Why Teams would refuse to post this activity here, if it would. */
  private refusal(conversation: KnownConversation, body: any): Answer | undefined {
    if (conversation.user && this.roster.blocked.has(conversation.user.aadObjectId))
      return errorAnswer(TEAMS_ERRORS.blockedByUser);
    if (this.roster.removed.has(conversation.home)) return errorAnswer(TEAMS_ERRORS.notInRoster);
    if (typeof body?.type !== 'string') return errorAnswer(TEAMS_ERRORS.badArgument);
    if (Buffer.byteLength(JSON.stringify(body)) > this.maxActivityBytes)
      return errorAnswer(TEAMS_ERRORS.tooBig);
    return undefined;
  }

  private createConversation(call: ConnectorCall): Answer {
    const body = call.body ?? {};
    const channelId = body.isGroup ? body.channelData?.channel?.id : undefined;
    if (typeof channelId === 'string') {
      // A new thread in a channel, its first post the activity given.
      const channel = this.roster.conversation(channelId);
      if (!channel) return errorAnswer(TEAMS_ERRORS.conversationNotFound);
      const refused = this.refusal(channel, body.activity);
      if (refused) return refused;
      const id = this.nextId();
      const threadId = `${channel.id};messageid=${id}`;
      this.post(threadId, 'createConversation', { ...call, body: body.activity }, undefined, id);
      return { status: 201, body: { id: threadId, activityId: id } };
    }
    const tenantId = body.tenantId ?? body.channelData?.tenant?.id;
    const members: any[] = Array.isArray(body.members) ? body.members : [];
    if (!tenantId || members.length === 0) return errorAnswer(TEAMS_ERRORS.badSyntax);
    if (members.length > 1 || body.isGroup)
      return errorAnswer({
        ...TEAMS_ERRORS.badArgument,
        message: 'Bots cannot create group chats',
      });
    const user = this.roster.recipient(String(members[0]?.id ?? ''));
    if (!user || user.tenantId !== tenantId)
      return errorAnswer({ ...TEAMS_ERRORS.badArgument, message: 'Failed to decrypt pairwise id' });
    if (this.roster.blocked.has(user.aadObjectId)) return errorAnswer(TEAMS_ERRORS.blockedByUser);
    const id = personalConversationId(user.id);
    if (!body.activity) return { status: 201, body: { id } };
    const refused = this.refusal(this.roster.conversation(id)!, body.activity);
    if (refused) return refused;
    const sent = this.post(id, 'createConversation', { ...call, body: body.activity });
    return { status: 201, body: { id, activityId: sent.id } };
  }

  private post(
    conversationId: string,
    route: SentActivity['route'],
    call: ConnectorCall,
    replyToId?: string,
    id = this.nextId(),
  ): SentActivity {
    const activity = { ...call.body, id };
    const sent: SentActivity = {
      id,
      conversationId,
      route,
      ...(replyToId !== undefined && { replyToId }),
      activity,
      versions: [activity],
      deleted: false,
      at: call.at,
    };
    this.activities.push(sent);
    return sent;
  }

  /** Teams' message ids are the millisecond they were posted: unique and increasing here. */
  private nextId(): string {
    this.lastId = Math.max(Date.now(), this.lastId + 1);
    return String(this.lastId);
  }
}

/** The body as JSON; undefined when there is none or it is not JSON (then kept as text). */
function parseJson(raw: string): any {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
