/** The Bot Connector operations, named as the SDK's ConnectorClient names them. */
export type ConnectorRoute =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMembers'
  | 'getConversationMember'
  | 'getConversationPagedMembers';

export interface Target {
  route: ConnectorRoute;
  conversationId: string;
  activityId?: string;
  memberId?: string;
}

/** Which operation a request is; conversation ids arrive encoded (botbuilder) or raw (Agents SDK). */
export function parseRoute(method: string, path: string): Target | null {
  let parts: string[];
  try {
    parts = path.split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [v3, conversations, conversationId = '', kind, item, extra] = parts;
  if (v3 !== 'v3' || conversations !== 'conversations' || extra !== undefined) return null;
  if (!conversationId)
    return method === 'POST' && !kind ? { route: 'createConversation', conversationId } : null;
  const with_ = (route: ConnectorRoute, more: Partial<Target> = {}): Target => ({
    route,
    conversationId,
    ...more,
  });
  if (kind === 'activities') {
    if (!item) return method === 'POST' ? with_('sendToConversation') : null;
    const routes: Record<string, ConnectorRoute> = {
      POST: 'replyToActivity',
      PUT: 'updateActivity',
      DELETE: 'deleteActivity',
    };
    return routes[method] ? with_(routes[method], { activityId: item }) : null;
  }
  if (method !== 'GET') return null;
  if (kind === 'members')
    return item
      ? with_('getConversationMember', { memberId: item })
      : with_('getConversationMembers');
  if (kind === 'pagedmembers' && !item) return with_('getConversationPagedMembers');
  return null;
}
