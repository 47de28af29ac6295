import { Activity } from '@microsoft/agents-activity';
import type { ConnectorClient } from '@microsoft/agents-hosting';
import type { Card } from '../../core/conversation/card';
import type { Form } from '../../core/conversation/card';
import { renderCard, renderForm, type AdaptiveCard } from './render';
import type { TeamsStore } from './store';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A message that carries one Adaptive Card; `summary` is what notifications show. */
export function cardActivity(card: AdaptiveCard, summary: string, more: object = {}): Activity {
  return Activity.fromObject({
    type: 'message',
    summary,
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
    ...more,
  });
}

/** Everyone a card's chat links name: their sign-in names are what Teams' deep link takes. */
const chatPeople = (blocks: Card['blocks']) =>
  blocks.flatMap((b) =>
    b.type === 'links' ? b.links.flatMap((l) => ('chatWith' in l ? l.chatWith.userIds : [])) : [],
  );

/** Draws core cards for Teams, looking up what a card needs that the core does not hold. */
export function teamsDrawing(store: TeamsStore) {
  async function upns(workspaceId: string, userIds: string[]) {
    const users = await store.users(workspaceId, [...new Set(userIds)]);
    const byId = new Map(users.map((u) => [u.userId, u.upn ?? u.email]));
    return (userId: string) => byId.get(userId) ?? null;
  }
  /** Channels by the names Teams gave them (a General channel goes by its team's). */
  async function channelNames(workspaceId: string) {
    const byId = new Map(
      (await store.channels(workspaceId, true)).map((c) => [c.conversationId, c.name]),
    );
    return (channelId: string) => byId.get(channelId) ?? null;
  }
  return {
    async card(
      workspaceId: string,
      card: Card,
      files: ReadonlyMap<string, string> = new Map(),
    ): Promise<AdaptiveCard> {
      const people = chatPeople(card.blocks);
      return renderCard(card, {
        ...(people.length && { upnOf: await upns(workspaceId, people) }),
        imageUrl: (file) => files.get(file) ?? null,
        channelName: await channelNames(workspaceId),
        // Teams' formatting guide lists DATE and TIME as unsupported: the core's own words,
        // already in the reader's zone, read the same on every client.
        dates: 'words',
      });
    },
    /** A form in someone's personal chat: its channel inputs offer the channels Rapport is in. */
    async form(workspaceId: string, form: Form): Promise<AdaptiveCard> {
      const channels = (await store.channels(workspaceId)).map((c) => ({
        label: c.name ?? c.conversationId,
        value: c.conversationId,
      }));
      return renderForm(form, { channels, people: 'organization' });
    },
  };
}

export type TeamsDrawing = ReturnType<typeof teamsDrawing>;

/**
 * The personal chat between the bot and someone: the one Teams told us of, or a new one (Teams
 * gives back the existing chat when there already is one, so asking again is safe).
 */
export async function openPersonalChat(
  client: ConnectorClient,
  params: { botId: string; teamsId: string; tenantId: string },
): Promise<string> {
  const response = await client.httpClient.request<{ id?: string }>({
    method: 'post',
    url: '/v3/conversations',
    headers: { 'Content-Type': 'application/json' },
    data: {
      isGroup: false,
      bot: { id: params.botId },
      members: [{ id: params.teamsId }],
      tenantId: params.tenantId,
      channelData: { tenant: { id: params.tenantId } },
    },
  });
  if (!response.data.id) throw new Error('Teams opened a personal chat without an id');
  return response.data.id;
}
