import type { ConnectorClient } from '@microsoft/agents-hosting';
import type {
  ComposedDelivery,
  PlatformSender,
  SendOutcome,
  VerifyOutcome,
} from '../../delivery/types';
import { cardActivity, openPersonalChat, type TeamsDrawing } from './chat';
import { retryAfterOf, statusOf, type ConnectorFor } from './connector';
import type { TeamsStore } from './store';

export interface TeamsLimits {
  /** Messages a second per tenant: Teams allows an app about 50. */
  sendsPerSecond: number;
}

/** Teams allows a conversation 7 messages a second and 60 in 30 seconds: two a second holds both. */
const PER_CONVERSATION_MS = 500;

// Worth trying again later: a token the connector would not take (yet), Teams' own transient
// refusals, and gateways that gave up.
const TRANSIENT = new Set([401, 412, 500, 502, 503, 504]);
// The request reached Teams, and may have been carried out before the answer was lost.
const MAYBE_DONE = new Set([500, 502, 503, 504]);

/** Where a delivery goes on Teams, and the client to send with. */
interface Route {
  client: ConnectorClient;
  conversationId: string;
  /** The personal chat was just opened, so a 404 cannot mean it went stale. */
  opened: boolean;
}

type Failure = Extract<SendOutcome, { status: 'failed' }>;
const failed = (error: string, more: Partial<Failure> = {}): Failure => ({
  status: 'failed',
  error,
  permanent: true,
  maybeDelivered: false,
  ...more,
});

/**
 * Sends queued deliveries to Teams through the Bot Connector: to a channel Rapport is in, or
 * to someone's personal chat (opened when there is none). A 403 means the person blocked or
 * removed the app: they are marked unreachable and it is not retried. A 404 for a stored chat
 * opens it again, once. Teams cannot say whether a message whose answer was lost arrived (it
 * has no idempotency key and the bot cannot read its messages back), so such a send is made
 * again: a rare duplicate rather than a lost message.
 */
export function teamsSender(
  store: TeamsStore,
  connectorFor: ConnectorFor,
  drawing: TeamsDrawing,
  limits: TeamsLimits,
): PlatformSender {
  async function route(d: ComposedDelivery): Promise<Route | Failure> {
    const latest = await store.latest(d.workspaceId);
    if (!latest) return failed('no_conversation_known');
    if (d.target.type === 'group') return failed('group_chat_unsupported');
    if (d.target.type === 'channel') {
      const channel = await store.conversation(d.workspaceId, d.target.channelId);
      if (channel?.removed) return failed('app_removed_from_channel');
      const client = await connectorFor(channel?.serviceUrl ?? latest.serviceUrl);
      return { client, conversationId: d.target.channelId, opened: false };
    }
    const userId = d.target.userId;
    const chat = await store.personal(d.workspaceId, userId);
    if (chat?.removed) return failed('app_removed_by_user', { unreachable: [userId] });
    const client = await connectorFor(chat?.serviceUrl ?? latest.serviceUrl);
    const conversationId = d.conversationId ?? chat?.conversationId;
    if (conversationId) return { client, conversationId, opened: false };
    return open(client, d, userId, latest.botId, latest.serviceUrl);
  }

  async function open(
    client: ConnectorClient,
    d: ComposedDelivery,
    userId: string,
    botId: string,
    serviceUrl: string,
  ): Promise<Route | Failure> {
    const [user] = await store.users(d.workspaceId, [userId]);
    if (!user) return failed('no_teams_id');
    const conversationId = await openPersonalChat(client, {
      botId,
      teamsId: user.teamsId,
      tenantId: d.externalId,
    });
    await store.remember(d.workspaceId, {
      conversationId,
      kind: 'personal',
      serviceUrl,
      botId,
      teamId: null,
      name: null,
      userId,
    });
    return { client, conversationId, opened: true };
  }

  async function post(r: Route, d: ComposedDelivery): Promise<SendOutcome> {
    const drawn = await drawing.card(d.workspaceId, d.card);
    const sent = await r.client.sendToConversation(
      r.conversationId,
      cardActivity(drawn, d.card.summary),
    );
    return { status: 'sent', ref: sent.id ?? '', conversationId: r.conversationId };
  }

  return {
    pacing(d) {
      // Broadest first: the last bucket's moment is the send time.
      const tenant = { bucket: 'send', intervalMs: 1000 / limits.sendsPerSecond };
      const conversation =
        d.target.type === 'channel'
          ? `conversation:${d.target.channelId}`
          : d.target.type === 'member'
            ? `member:${d.target.userId}`
            : 'group';
      return [tenant, { bucket: conversation, intervalMs: PER_CONVERSATION_MS }];
    },

    async send(d): Promise<SendOutcome> {
      let r: Route | Failure | null = null;
      try {
        r = await route(d);
        if ('status' in r) return r;
        try {
          return await post(r, d);
        } catch (error) {
          // A personal chat Teams no longer knows is opened again, once.
          if (statusOf(error) !== 404 || r.opened || d.target.type !== 'member') throw error;
          await store.forget(d.workspaceId, r.conversationId);
          const latest = (await store.latest(d.workspaceId))!;
          r = await open(r.client, d, d.target.userId, latest.botId, latest.serviceUrl);
          if ('status' in r) return r;
          return await post(r, d);
        }
      } catch (error) {
        return classify(error, d, r && !('status' in r) ? r.conversationId : null);
      }
    },

    async verify(d): Promise<VerifyOutcome> {
      // Nothing to look in: the bot cannot read its own messages back without Graph.
      return { status: 'not_found', conversationId: d.conversationId };
    },
  };
}

function classify(error: unknown, d: ComposedDelivery, conversationId: string | null): SendOutcome {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 429) return { status: 'rate_limited', retryAfterMs: retryAfterOf(error, 5_000) };
  if (status === 403)
    return failed(`Teams refused (403): ${message}`, {
      conversationId,
      ...(d.target.type === 'member' && { unreachable: [d.target.userId] }),
    });
  if (status !== null && !TRANSIENT.has(status))
    return failed(`Teams refused (${status}): ${message}`, { conversationId });
  return failed(status === null ? `no answer: ${message}` : `Teams failed (${status})`, {
    permanent: false,
    // No answer at all, or a gateway that gave up: Teams may have posted it.
    maybeDelivered: status === null || MAYBE_DONE.has(status),
    conversationId,
  });
}
