import type { Activity } from '@microsoft/agents-activity';
import type { ConversationKind, ConversationRef } from './store';

/** Where an activity came from, as Rapport keeps it. */
export interface Whereabouts {
  tenantId: string;
  /** The conversation to answer in: a channel's own id, without the thread it came in. */
  ref: Omit<ConversationRef, 'userId'>;
  /** The thread (a channel message's conversation id), or the conversation itself. */
  thread: string;
}

interface ChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

export const channelDataOf = (a: Activity) => (a.channelData ?? {}) as ChannelData;

const KINDS: Record<string, ConversationKind> = {
  personal: 'personal',
  channel: 'channel',
  groupChat: 'groupChat',
};

/** The tenant, conversation and bot an activity names; null when Teams left them out. */
export function whereabouts(a: Activity): Whereabouts | null {
  const data = channelDataOf(a);
  const tenantId = a.conversation?.tenantId ?? data.tenant?.id;
  const thread = a.conversation?.id;
  if (!tenantId || !thread || !a.serviceUrl || !a.recipient?.id) return null;
  const kind =
    KINDS[a.conversation?.conversationType ?? ''] ??
    (data.team?.id ? 'channel' : a.conversation?.isGroup ? 'groupChat' : 'personal');
  return {
    tenantId,
    thread,
    ref: {
      conversationId: thread.split(';messageid=')[0]!,
      kind,
      serviceUrl: a.serviceUrl,
      botId: a.recipient.id,
      teamId: data.team?.id ?? null,
      name: data.channel?.name ?? data.team?.name ?? a.conversation?.name ?? null,
    },
  };
}

/** The timezone the person's Teams client reports, if any. */
export function clientTimezone(a: Activity): string | null {
  const info = (a.entities ?? []).find((e) => e.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  const zone = typeof info?.timezone === 'string' ? info.timezone : null;
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
