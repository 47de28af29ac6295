import { AuthType, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Config } from '../../config';

/** How /api/messages checks callers and how the bot gets tokens for the Bot Connector. */
export interface TeamsAuth {
  /** No token is asked for on /api/messages (the Agents Playground, tests). */
  anonymous: boolean;
  /**
   * The SDK's configuration, made from Rapport's variables (the SDK reads other names): the
   * same object goes to the JWT check and to the adapter. Null without credentials.
   */
  config: AuthConfiguration | null;
}

export function teamsAuthFrom(
  config: Pick<
    Config,
    | 'MICROSOFT_APP_ID'
    | 'MICROSOFT_APP_PASSWORD'
    | 'MICROSOFT_APP_TENANT_ID'
    | 'RAPPORT_TEAMS_ANONYMOUS'
  >,
): TeamsAuth {
  const credentials = Boolean(config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD);
  return {
    anonymous: Boolean(config.RAPPORT_TEAMS_ANONYMOUS),
    config: credentials
      ? {
          clientId: config.MICROSOFT_APP_ID!,
          clientSecret: config.MICROSOFT_APP_PASSWORD!,
          authType: AuthType.ClientSecret,
          // A single-tenant bot names its tenant; a multi-tenant one takes tokens from any.
          ...(config.MICROSOFT_APP_TENANT_ID && { tenantId: config.MICROSOFT_APP_TENANT_ID }),
        }
      : null,
  };
}
