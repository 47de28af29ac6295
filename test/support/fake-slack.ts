import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackUser } from '../../src/adapters/slack/directory';
import { RateLimiter } from './fake-slack-limits';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  token: string | null;
  at: number;
}

/** What a response_url received: the app's answer to a slash command. */
export interface SlackResponse {
  path: string;
  body: Record<string, any>;
  at: number;
}

export type Failure =
  | { status: 429; retryAfter: number }
  /** `afterPosting`: the message is posted, then the answer is a 500 (a lost response). */
  | { status: 500; afterPosting?: boolean }
  | { error: string };

/** A file the app uploaded (files.uploadV2), once shared to a channel. */
export interface UploadedFile {
  id: string;
  team: string;
  filename: string;
  title: string;
  /** Where it was shared (files.completeUploadExternal's channel_id); null until then. */
  channel: string | null;
  content: Buffer;
}

/** A message the app posted, as Slack keeps it. */
export interface PostedMessage {
  team: string;
  channel: string;
  ts: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, any> };
  at: number;
}

interface FakeTeam {
  id: string;
  name: string;
  botUserId: string;
  users: SlackUser[];
  /** Custom profile fields: users.list leaves their values out, as Slack does. */
  fields: Array<{ id: string; label: string }>;
}

interface OAuthGrant {
  teamId: string;
  enterpriseId?: string;
  /** Token rotation on: the token expires and comes with a single-use refresh token. */
  rotate?: boolean;
  /** Seconds the rotated token lasts (Slack: 12 hours). */
  expiresIn?: number;
}

/**
 * Slack's Web API on loopback: records every call, answers the methods Rapport uses from a
 * directory the test controls, and fails on request (429 with Retry-After, 500, error codes).
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: SlackResponse[] = [];
  readonly teams = new Map<string, FakeTeam>();
  /** Who is in each channel, for conversations.members. */
  readonly channelMembers = new Map<string, string[]>();
  /** Every message posted with chat.postMessage, in order. */
  readonly messages: PostedMessage[] = [];
  /** Every file uploaded, by id, in order. */
  readonly files: UploadedFile[] = [];
  /** Slack's per-method limits, when a test switches them on. */
  readonly limiter = new RateLimiter();
  /** Every bot token oauth.v2.access handed out, oldest first. */
  readonly issuedTokens: string[] = [];
  /** Most users per users.list page, whatever limit the app asks for. */
  pageSize = 3;
  private readonly tokens = new Map<string, string>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly codes = new Map<string, OAuthGrant>();
  private readonly failures = new Map<
    string,
    Array<{ failure: Failure; only?: (args: Record<string, any>) => boolean }>
  >();
  private readonly holds = new Map<string, Promise<void>>();
  private down: {
    mode: 'errors' | 'no answer';
    methods?: string[];
    posts: number;
    over: Promise<void>;
  } | null = null;
  private server!: http.Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  /** Socket Mode connections the app opened, newest last. */
  readonly connections: WebSocket[] = [];
  /** What the app sent back over Socket Mode: acknowledgements of envelopes. */
  readonly socketMessages: Array<Record<string, any>> = [];
  private sequence = 0;
  url = '';

  /** Listens on `port` (one the app was told of before Slack "came back"), else any free one. */
  static async start(options: { port?: number } = {}): Promise<FakeSlack> {
    const fake = new FakeSlack();
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    fake.server.on('upgrade', (req, socket, head) =>
      fake.sockets.handleUpgrade(req, socket, head, (ws) => {
        fake.connections.push(ws);
        ws.on('message', (data) => fake.socketMessages.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: {} }));
      }),
    );
    await new Promise<void>((resolve) =>
      fake.server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(name = String(++this.sequence)): string {
    return `${this.url}/respond/${name}`;
  }

  addTeam(team: Omit<FakeTeam, 'fields'> & { fields?: FakeTeam['fields'] }): FakeTeam {
    const full = { fields: [{ id: 'Xf01DEPT', label: 'Department' }], ...team };
    this.teams.set(team.id, full);
    return full;
  }

  /** A bot token Slack accepts for the team. */
  addToken(token: string, teamId: string): void {
    this.tokens.set(token, teamId);
  }

  revokeTokens(teamId: string): void {
    for (const [token, team] of this.tokens) if (team === teamId) this.tokens.delete(token);
  }

  /** An OAuth code that oauth.v2.access exchanges for a bot token of the team. */
  addOAuthCode(code: string, grant: OAuthGrant): void {
    this.codes.set(code, grant);
  }

  /**
   * The next `times` calls of `method` fail this way; with `only`, the next calls whose
   * arguments it accepts (one channel's posts while the queue sends to others at once).
   */
  fail(
    method: string,
    failure: Failure,
    times = 1,
    only?: (args: Record<string, any>) => boolean,
  ): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push({ failure, ...(only && { only }) });
    this.failures.set(method, queue);
  }

  /** Calls of `method` are recorded, then get no answer until the returned function is called. */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /**
   * Slack's Web API (or only `methods` of it) is down until the returned function is called:
   * every call answers 500 (`errors`) or hangs (`no answer`; its connection is cut when the
   * outage ends). Every other chat.postMessage is carried out before it fails, as when only the
   * answer is lost.
   */
  outage(mode: 'errors' | 'no answer', methods?: string[]): () => void {
    let end!: () => void;
    this.down = {
      mode,
      posts: 0,
      ...(methods && { methods }),
      over: new Promise((resolve) => (end = resolve)),
    };
    return () => {
      this.down = null;
      end();
    };
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
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

  /** Sends an envelope over the app's Socket Mode connection; resolves with its acknowledgement. */
  async sendEnvelope(type: string, payload: object): Promise<Record<string, any>> {
    const socket = await this.waitFor(() => this.connections.at(-1));
    const envelopeId = `env-${++this.sequence}`;
    socket.send(
      JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
    );
    return this.waitFor(() => this.socketMessages.find((m) => m.envelope_id === envelopeId));
  }

  async close(): Promise<void> {
    // Let the app finish its close handshake first, as Slack would; then cut what is left.
    await Promise.all(
      this.connections.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve();
            const timer = setTimeout(resolve, 1000);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
    for (const socket of this.connections) socket.terminate();
    this.sockets.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.url).pathname;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    // The upload URL files.getUploadURLExternal hands out: the bytes, as they were sent.
    if (path.startsWith('/upload/')) {
      const file = this.files.find((f) => f.id === path.slice('/upload/'.length));
      if (!file) return reply(404, { ok: false });
      // The Web API client posts the bytes as the one file of a multipart form.
      const body = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        const form = await new Request('http://upload/', {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        }).formData();
        const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
        file.content = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
      } else file.content = body;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${file.content.length}`);
      return;
    }

    if (path.startsWith('/respond/')) {
      const body = JSON.parse(raw || '{}');
      if (!blocksValid(body.blocks)) return reply(400, { ok: false, error: 'invalid_blocks' });
      this.responses.push({ path, body, at: Date.now() });
      // A test can hold every response_url post, as a slow Slack would.
      await this.holds.get('response_url');
      return reply(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return reply(404, { ok: false, error: 'not_found' });

    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const token = bearer ?? (typeof args.token === 'string' ? args.token : null);
    this.calls.push({ method, args, token, at: Date.now() });
    await this.holds.get(method);

    const down = this.down;
    if (down && (!down.methods || down.methods.includes(method))) {
      if (method === 'chat.postMessage' && ++down.posts % 2 === 0) {
        const team = this.teams.get(this.tokens.get(token ?? '') ?? '');
        if (team) this.answer(method, args, team);
      }
      if (down.mode === 'errors') return reply(500, { ok: false, error: 'fatal_error' });
      await down.over;
      res.socket?.destroy();
      return;
    }

    const pending = this.failures.get(method) ?? [];
    const due = pending.findIndex((f) => !f.only || f.only(args));
    const failure = due >= 0 ? pending.splice(due, 1)[0]!.failure : undefined;
    if (failure) {
      if ('status' in failure && failure.status === 429)
        return reply(
          429,
          { ok: false, error: 'ratelimited' },
          {
            'retry-after': String(failure.retryAfter),
          },
        );
      if ('status' in failure && failure.afterPosting) {
        const team = this.teams.get(this.tokens.get(token ?? '') ?? '');
        if (team) this.answer(method, args, team);
      }
      if ('status' in failure) return reply(failure.status, { ok: false, error: 'fatal_error' });
      return reply(200, { ok: false, error: failure.error });
    }

    if (method === 'oauth.v2.access') return reply(200, this.oauthAccess(args));
    const teamId = token ? this.tokens.get(token) : undefined;
    const team = teamId ? this.teams.get(teamId) : undefined;
    if (!team) return reply(200, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    const wait = this.limiter.check(team.id, method, args.channel, Date.now());
    if (wait > 0)
      return reply(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(Math.ceil(wait / 1000)) },
      );
    return reply(200, this.answer(method, args, team));
  }

  private answer(method: string, args: Record<string, any>, team: FakeTeam): object {
    const find = (id: unknown) => team.users.find((u) => u.id === id);
    const withoutFields = (u: SlackUser) => ({
      ...u,
      profile: { ...u.profile, fields: undefined },
    });
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${team.id.toLowerCase()}.slack.com/`,
          team: team.name,
          team_id: team.id,
          user: 'rapport',
          user_id: team.botUserId,
          bot_id: `B${team.botUserId}`,
          is_enterprise_install: false,
        };
      case 'users.list': {
        const start = Number(args.cursor || 0);
        const size = Math.min(this.pageSize, Number(args.limit || this.pageSize));
        const page = team.users.slice(start, start + size);
        const next = start + size < team.users.length ? String(start + size) : '';
        return {
          ok: true,
          members: page.map(withoutFields),
          response_metadata: { next_cursor: next },
        };
      }
      case 'users.info': {
        const user = find(args.user);
        return user
          ? { ok: true, user: withoutFields(user) }
          : { ok: false, error: 'user_not_found' };
      }
      case 'users.profile.get': {
        const user = find(args.user);
        return user
          ? { ok: true, profile: { ...user.profile, fields: user.profile?.fields ?? {} } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'team.profile.get':
        return {
          ok: true,
          profile: { fields: team.fields.map((f) => ({ ...f, type: 'text', hint: '' })) },
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
      case 'conversations.open': {
        const users = String(args.users ?? '')
          .split(',')
          .filter(Boolean)
          .sort();
        if (users.length === 0 || users.some((u) => !find(u)))
          return { ok: false, error: 'user_not_found' };
        if (users.length > 8) return { ok: false, error: 'too_many_users' };
        return { ok: true, channel: { id: `D${users.join('')}` } };
      }
      case 'chat.postMessage': {
        if (!blocksValid(args.blocks)) return { ok: false, error: 'invalid_blocks' };
        // A user id as the channel posts in that person's DM with the app.
        const direct = /^[UW]/.test(String(args.channel));
        if (direct && !find(args.channel)) return { ok: false, error: 'channel_not_found' };
        const channel = direct ? `D${args.channel}` : String(args.channel);
        const seq = String(++this.sequence).padStart(6, '0');
        const ts = `${Math.floor(Date.now() / 1000)}.${seq}`;
        this.messages.push({
          team: team.id,
          channel,
          ts,
          text: String(args.text ?? ''),
          metadata: args.metadata,
          at: Date.now(),
        });
        return { ok: true, channel, ts };
      }
      case 'conversations.members': {
        const all = this.channelMembers.get(String(args.channel));
        if (!all) return { ok: false, error: 'channel_not_found' };
        const start = Number(args.cursor || 0);
        const page = all.slice(start, start + this.pageSize);
        const next = start + this.pageSize < all.length ? String(start + this.pageSize) : '';
        return { ok: true, members: page, response_metadata: { next_cursor: next } };
      }
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const found = this.messages
          .filter((m) => m.team === team.id && m.channel === args.channel && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(args.include_all_metadata === 'true' && m.metadata && { metadata: m.metadata }),
          }));
        return { ok: true, messages: found, has_more: false };
      }
      case 'files.getUploadURLExternal': {
        if (!args.filename || !args.length) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(++this.sequence).padStart(8, '0')}`;
        this.files.push({
          id,
          team: team.id,
          filename: String(args.filename),
          title: String(args.filename),
          channel: null,
          content: Buffer.alloc(0),
        });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const listed = (
          typeof args.files === 'string' ? JSON.parse(args.files) : (args.files ?? [])
        ) as Array<{ id: string; title?: string }>;
        const found = listed.map((l) => ({ l, f: this.files.find((f) => f.id === l.id) }));
        if (found.some((x) => !x.f || x.f.content.length === 0))
          return { ok: false, error: 'file_not_found' };
        for (const { l, f } of found) {
          f!.title = l.title ?? f!.filename;
          f!.channel = args.channel_id ? String(args.channel_id) : null;
        }
        return {
          ok: true,
          files: found.map(({ f }) => ({ id: f!.id, name: f!.filename, title: f!.title })),
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${1_700_000_000 + ++this.sequence}.000200` };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
      case 'views.push':
        return { ok: true, view: { id: `V${++this.sequence}`, ...(args.view ?? {}) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private oauthAccess(args: Record<string, any>): object {
    let grant: OAuthGrant | undefined;
    if (args.grant_type === 'refresh_token') {
      const teamId = this.refreshTokens.get(String(args.refresh_token));
      if (!teamId) return { ok: false, error: 'invalid_refresh_token' };
      // Refresh tokens are single-use.
      this.refreshTokens.delete(String(args.refresh_token));
      grant = { teamId, rotate: true };
    } else {
      grant = this.codes.get(String(args.code));
      if (!grant) return { ok: false, error: 'invalid_code' };
      this.codes.delete(String(args.code));
    }
    const team = this.teams.get(grant.teamId)!;
    const n = ++this.sequence;
    const token = `xoxb-${team.id}-${n}`;
    this.addToken(token, team.id);
    this.issuedTokens.push(token);
    const rotation = grant.rotate
      ? { refresh_token: `xoxe-1-${team.id}-${n}`, expires_in: grant.expiresIn ?? 43_200 }
      : {};
    if (grant.rotate) this.refreshTokens.set(`xoxe-1-${team.id}-${n}`, team.id);
    return {
      ok: true,
      app_id: 'A0RAPPORT',
      authed_user: { id: team.users[0]?.id ?? 'U0INSTALLER' },
      scope: 'commands,chat:write,chat:write.public,im:write,users:read,users.profile:read',
      token_type: 'bot',
      access_token: token,
      bot_user_id: team.botUserId,
      team: { id: team.id, name: team.name },
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId } : null,
      is_enterprise_install: false,
      ...rotation,
    };
  }
}

/** Slack refuses a section whose text is over 3,000 characters, and more than 50 blocks. */
function blocksValid(blocks: unknown): boolean {
  if (blocks === undefined) return true;
  if (!Array.isArray(blocks) || blocks.length > 50) return false;
  return blocks.every(
    (b) =>
      !(b?.type === 'section' && [...(b.text?.text ?? '')].length > 3000) &&
      // A picture needs words for screen readers, and an address or an uploaded file.
      !(b?.type === 'image' && (!b.alt_text || !(b.image_url || b.slack_file?.id))),
  );
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends nested arguments (blocks, views) as JSON strings.
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
