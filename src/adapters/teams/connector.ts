import {
  ConnectorClient,
  getAuthConfigWithDefaults,
  HttpError,
  MsalTokenProvider,
} from '@microsoft/agents-hosting';
import type { TeamsAuth } from './auth';

/** The audience of the bot's tokens for the Bot Connector. */
const BOT_FRAMEWORK = 'https://api.botframework.com';

/** A person as the Bot Connector lists them (a team's roster, a conversation's member). */
export interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  objectId?: string;
  email?: string;
  userPrincipalName?: string;
  userRole?: string;
  tenantId?: string;
}

/** Bot Connector clients for a tenant's service URL, with a token when there are credentials. */
export function connectorClients(auth: TeamsAuth) {
  const provider = auth.config
    ? new MsalTokenProvider(getAuthConfigWithDefaults(auth.config))
    : null;
  return async (serviceUrl: string): Promise<ConnectorClient> => {
    const token = provider ? await provider.getAccessToken(BOT_FRAMEWORK) : '';
    return ConnectorClient.createClientWithToken(serviceUrl, token);
  };
}

export type ConnectorFor = ReturnType<typeof connectorClients>;

/** One page of a conversation's (a team's) members, 500 at most. */
export async function pagedMembers(
  client: ConnectorClient,
  conversationId: string,
  continuationToken?: string,
): Promise<{ members: TeamsAccount[]; continuationToken?: string }> {
  const response = await client.httpClient.get<{
    members?: TeamsAccount[];
    continuationToken?: string;
  }>(`/v3/conversations/${encodeURIComponent(conversationId)}/pagedmembers`, {
    params: { pageSize: '500', ...(continuationToken && { continuationToken }) },
  });
  return {
    members: response.data.members ?? [],
    ...(response.data.continuationToken && {
      continuationToken: response.data.continuationToken,
    }),
  };
}

/** One member of a conversation by their Teams id; null when Teams does not know them there. */
export async function memberOf(
  client: ConnectorClient,
  conversationId: string,
  teamsId: string,
): Promise<TeamsAccount | null> {
  try {
    return (await client.getConversationMember(teamsId, conversationId)) as TeamsAccount;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return null;
    throw error;
  }
}

/** The HTTP status of a failed connector call; null when no answer came (a lost connection). */
export function statusOf(error: unknown): number | null {
  return error instanceof HttpError ? error.status : null;
}

/** How long a 429 asks to wait, in milliseconds (Retry-After in seconds, or a date). */
export function retryAfterOf(error: unknown, fallbackMs: number): number {
  const header = error instanceof HttpError ? error.response.headers?.get?.('retry-after') : null;
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - Date.now());
}
