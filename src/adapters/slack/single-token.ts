import type { Authorize } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { MethodNamingClient } from './failures';

export interface TokenIdentity {
  teamId: string;
  teamName: string | undefined;
  botUserId: string | undefined;
  botId: string | undefined;
}

/**
 * The one workspace's bot token and whom it belongs to. Bolt, given a token, calls auth.test
 * once in its constructor and keeps that promise for good: when Slack cannot be reached, the
 * rejection is unhandled (the process exits) and every later request would fail with it. Here
 * a success is kept and a failure is not, so the next use asks again.
 */
export function singleToken(token: string, clientOptions: WebClientOptions) {
  // No retries inside the client: start-up retries with its own backoff, and a request's
  // authorization runs before its acknowledgement, which Slack wants within 3 s.
  const client = new MethodNamingClient(token, { ...clientOptions, retryConfig: { retries: 0 } });
  let known: Promise<TokenIdentity> | null = null;

  function identity(): Promise<TokenIdentity> {
    if (!known) {
      const asked = client.auth.test().then((auth) => {
        if (!auth.team_id) throw new Error('auth.test named no team for SLACK_BOT_TOKEN');
        return {
          teamId: auth.team_id,
          teamName: auth.team,
          botUserId: auth.user_id,
          botId: auth.bot_id,
        };
      });
      asked.catch(() => {
        if (known === asked) known = null;
      });
      known = asked;
    }
    return known;
  }

  const authorize: Authorize<boolean> = async () => {
    const { botUserId, botId } = await identity();
    return { botToken: token, botUserId, botId };
  };

  return { token, identity, authorize };
}

export type SingleToken = ReturnType<typeof singleToken>;
