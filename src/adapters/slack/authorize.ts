import type { Authorize } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Logger } from '../../logger';
import type { Database } from '../../persistence/schema';
import {
  installKey,
  NotInstalledError,
  type PostgresInstallationStore,
  type SlackInstallation,
} from './installation-store';

/** Refresh a rotating token this long before it expires (they last 12 hours). */
const REFRESH_MARGIN_MS = 2 * 60 * 60 * 1000;

export interface AuthorizeOptions {
  db: Kysely<Database>;
  store: PostgresInstallationStore;
  clientId: string;
  clientSecret: string;
  slackApiUrl?: string | undefined;
  logger: Logger;
  now?: () => Date;
}

const expiring = (i: SlackInstallation, now: Date) =>
  Boolean(
    i.bot?.refreshToken &&
    i.bot.expiresAt &&
    i.bot.expiresAt * 1000 - now.getTime() < REFRESH_MARGIN_MS,
  );

/**
 * Bolt's authorize over our store. A rotating token close to expiry is refreshed under a row
 * lock, so one refresh runs at a time per installation across every replica; whoever waited
 * on the lock finds the fresh token and uses it (refresh tokens are single-use).
 */
export function authorizeFromStore(options: AuthorizeOptions): Authorize<boolean> {
  const now = options.now ?? (() => new Date());
  const client = new WebClient(undefined, {
    slackApiUrl: options.slackApiUrl,
    retryConfig: { retries: 0 },
  });

  async function refresh(key: string): Promise<SlackInstallation> {
    return options.db.transaction().execute(async (trx) => {
      const current = await options.store.fetchLocked(trx, key);
      if (!current) throw new NotInstalledError(`no Slack installation for ${key}`);
      if (!expiring(current, now())) return current;
      const result = await client.oauth.v2.access({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: current.bot!.refreshToken!,
      });
      const refreshed: SlackInstallation = {
        ...current,
        bot: {
          ...current.bot!,
          token: result.access_token!,
          refreshToken: result.refresh_token!,
          expiresAt: Math.floor(now().getTime() / 1000) + (result.expires_in ?? 0),
        },
      };
      await options.store.update(trx, refreshed);
      options.logger.info({ key }, 'Slack bot token refreshed');
      return refreshed;
    });
  }

  return async (source) => {
    const key = installKey(source);
    let installation = (await options.store.fetchInstallation(source)) as SlackInstallation;
    if (expiring(installation, now())) installation = await refresh(key);
    if (!installation.bot?.token) throw new Error(`the installation for ${key} has no bot token`);
    return {
      botToken: installation.bot.token,
      botId: installation.bot.id,
      botUserId: installation.bot.userId,
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
    };
  };
}
