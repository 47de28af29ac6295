import { WebClient, type WebClientOptions } from '@slack/web-api';
import type {
  ClaimedDelivery,
  PlatformSender,
  SendOutcome,
  VerifyOutcome,
} from '../../delivery/types';
import { renderCard } from './render';

/** Rapport's own tag on every queued message, so an uncertain send can be found again. */
export const DELIVERY_EVENT = 'rapport_delivery';

// Errors after which sending again cannot succeed.
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'msg_too_long',
  'invalid_blocks',
  'no_text',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'ekm_access_denied',
]);

export interface SlackLimits {
  /** chat.postMessage per workspace: Slack allows several hundred a minute. */
  postsPerMinute: number;
  /** conversations.history reads, used only to check an uncertain send. */
  historyPerMinute: number;
}

interface SlackError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** Sends queued deliveries to Slack, one call each, never retried inside the client. */
export function slackSender(
  tokenFor: (teamId: string) => Promise<string>,
  clientOptions: WebClientOptions,
  limits: SlackLimits,
): PlatformSender {
  const client = async (d: ClaimedDelivery) =>
    new WebClient(await tokenFor(d.externalId), {
      ...clientOptions,
      // The queue retries, paces and honours Retry-After itself, across every replica.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      // Well inside a delivery's lease, so no other worker takes it over mid-call.
      timeout: 20_000,
    });

  /** The conversation to post in: a channel, a person's DM (their user id works), a group DM. */
  async function conversation(web: WebClient, d: ClaimedDelivery): Promise<string> {
    if (d.conversationId) return d.conversationId;
    if (d.target.type === 'channel') return d.target.channelId;
    if (d.target.type === 'member') return d.target.userId;
    const opened = await web.conversations.open({ users: d.target.userIds.join(',') });
    return opened.channel!.id!;
  }

  return {
    pacing(d) {
      // Broadest first: the last bucket's moment is the send time (see reserve()).
      const check = d.uncertain
        ? [{ bucket: 'history', intervalMs: 60_000 / limits.historyPerMinute }]
        : [];
      const post = { bucket: 'post', intervalMs: 60_000 / limits.postsPerMinute };
      if (d.target.type === 'channel')
        return [...check, post, { bucket: `conversation:${d.target.channelId}`, intervalMs: 1000 }];
      if (d.target.type === 'member')
        return [...check, post, { bucket: `member:${d.target.userId}`, intervalMs: 1000 }];
      // conversations.open is Tier 3: about 50 a minute.
      return [...check, { bucket: 'open', intervalMs: 1200 }, post];
    },

    async send(d): Promise<SendOutcome> {
      let channel: string | null = d.conversationId;
      let web: WebClient;
      try {
        web = await client(d);
      } catch (error) {
        // No call to Slack was made, so nothing can have been posted.
        const reason = error instanceof Error ? error.message : String(error);
        return {
          status: 'failed',
          error: `no token: ${reason}`,
          permanent: false,
          maybeDelivered: false,
        };
      }
      try {
        channel = await conversation(web, d);
        const result = await web.chat.postMessage({
          channel,
          ...(renderCard(d.card) as { text: string }),
          metadata: { event_type: DELIVERY_EVENT, event_payload: { delivery: d.id } },
          unfurl_links: false,
        });
        return { status: 'sent', ref: result.ts!, conversationId: result.channel ?? channel };
      } catch (error) {
        return classify(error as SlackError, channel);
      }
    },

    async verify(d): Promise<VerifyOutcome> {
      try {
        const web = await client(d);
        const channel =
          d.conversationId ??
          (d.target.type === 'channel'
            ? d.target.channelId
            : (
                await web.conversations.open({
                  users: d.target.type === 'member' ? d.target.userId : d.target.userIds.join(','),
                })
              ).channel!.id!);
        // From a little before the uncertain attempt, allowing for clocks that disagree.
        const since = (d.attemptStartedAt?.getTime() ?? 0) / 1000 - 600;
        const history = await web.conversations.history({
          channel,
          oldest: String(Math.max(0, since)),
          include_all_metadata: true,
          limit: 200,
        });
        const found = (history.messages ?? []).find(
          (m) =>
            m.metadata?.event_type === DELIVERY_EVENT &&
            (m.metadata.event_payload as { delivery?: string } | undefined)?.delivery === d.id,
        );
        return found?.ts
          ? { status: 'found', ref: found.ts }
          : { status: 'not_found', conversationId: channel };
      } catch (error) {
        const e = error as SlackError;
        if (e.code === 'slack_webapi_rate_limited_error')
          return { status: 'rate_limited', retryAfterMs: (e.retryAfter ?? 60) * 1000 };
        return { status: 'unknown', error: e.data?.error ?? e.message ?? String(error) };
      }
    },
  };

  function classify(e: SlackError, channel: string | null): SendOutcome {
    // A person's id (U…, or W… in an enterprise) posts to their DM: not a conversation id.
    const conversationId = channel && !/^[UW]/.test(channel) ? channel : null;
    if (e.code === 'slack_webapi_rate_limited_error')
      return { status: 'rate_limited', retryAfterMs: (e.retryAfter ?? 60) * 1000 };
    if (e.code === 'slack_webapi_platform_error') {
      const error = e.data?.error ?? 'unknown_error';
      if (error === 'ratelimited') return { status: 'rate_limited', retryAfterMs: 60_000 };
      // An error answer means Slack did not post.
      return {
        status: 'failed',
        error,
        permanent: PERMANENT.has(error),
        maybeDelivered: false,
        conversationId,
      };
    }
    // A 5xx or a lost connection: Slack may have posted before the answer was lost.
    return {
      status: 'failed',
      error: e.message ?? 'request failed',
      permanent: false,
      maybeDelivered: true,
      conversationId,
    };
  }
}
