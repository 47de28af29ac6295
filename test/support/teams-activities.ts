import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  personalConversationId,
  type TeamsBot,
  type TeamsChannel,
  type TeamsFixture,
  type TeamsUser,
} from './teams-fixture';

/**
 * Bot Framework activities as Teams posts them to /api/messages. The shapes follow Microsoft's
 * published samples (msteams-docs: bots/build-conversational-capability.md,
 * bots/how-to/conversations/subscribe-to-conversation-events.md, task-modules-and-cards/cards/
 * cards-actions.md), botbuilder-js's Teams fixtures (libraries/botbuilder/tests/teamsInfo.test.js)
 * and what Microsoft's Agents Playground generates for the msteams channel.
 */

export interface ActivityOptions {
  /** Otherwise a fresh one: a millisecond timestamp for messages, 'f:…' for events. */
  id?: string;
  timestamp?: Date;
  /** The sender's client zone (clientInfo and localTimestamp); the person's own by default. */
  timezone?: string;
  locale?: string;
}

/** Where a person acts: their 1:1 chat with the bot (the default), the group chat or a channel. */
export type Place =
  | { in: 'personal' }
  | { in: 'groupChat' }
  | { in: 'channel'; channel?: TeamsChannel; thread?: string };

/** A message's text: plain strings and the people (or the bot) it @mentions, in order. */
export type MessageText = string | Array<string | TeamsUser | TeamsBot>;

let lastMessageId = 0;

/** Teams message ids are the millisecond they were posted; unique here even within one ms. */
function messageId(at: Date): string {
  lastMessageId = Math.max(at.getTime(), lastMessageId + 1);
  return String(lastMessageId);
}

const eventId = () => `f:${randomUUID()}`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Builds activities for one fixture, pointing their serviceUrl at the fake connector. */
export class TeamsActivities {
  constructor(
    readonly fx: TeamsFixture,
    readonly serviceUrl: string,
  ) {}

  /** A message in the sender's 1:1 chat with the bot. */
  personalMessage(from: TeamsUser, text: MessageText, options: ActivityOptions = {}) {
    return this.message(from, text, { in: 'personal' }, options, false);
  }

  /**
   * A new post (or, with `thread`, a reply) in a channel. The bot only hears channel messages
   * that @mention it, so the bot's mention leads the text unless the text already has it.
   */
  channelMessage(
    from: TeamsUser,
    text: MessageText,
    options: ActivityOptions & { channel?: TeamsChannel; thread?: string } = {},
  ) {
    const { channel, thread, ...rest } = options;
    return this.message(
      from,
      text,
      { in: 'channel', ...(channel && { channel }), ...(thread && { thread }) },
      rest,
      true,
    );
  }

  /** A message in the fixture's group chat; like a channel, it reaches the bot by @mention. */
  groupChatMessage(from: TeamsUser, text: MessageText, options: ActivityOptions = {}) {
    return this.message(from, text, { in: 'groupChat' }, options, true);
  }

  /**
   * The bot installed in the team: Teams sends it in the channel the installer picked, with
   * eventType 'teamMemberAdded' and the bot itself as the member added.
   */
  botAddedToTeam(by: TeamsUser, options: ActivityOptions & { channel?: TeamsChannel } = {}) {
    const channel = options.channel ?? this.fx.team.general;
    return {
      ...this.event('conversationUpdate', by, options),
      membersAdded: [{ id: this.fx.bot.id }],
      conversation: this.channelConversation(channel.id, channel),
      channelData: {
        settings: { selectedChannel: { id: channel.id } },
        team: this.teamInfo(),
        eventType: 'teamMemberAdded',
        tenant: { id: this.fx.tenantId },
      },
    };
  }

  /** People joined a team the bot is in; the conversation is then the team itself. */
  usersAddedToTeam(by: TeamsUser, users: TeamsUser[], options: ActivityOptions = {}) {
    return {
      ...this.event('conversationUpdate', by, options),
      membersAdded: users.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })),
      conversation: this.channelConversation(this.fx.team.id, this.fx.team.general),
      channelData: {
        team: this.teamInfo(),
        eventType: 'teamMemberAdded',
        tenant: { id: this.fx.tenantId },
      },
    };
  }

  /** People left or were removed; with `bot`, the bot was removed from the team. */
  membersRemovedFromTeam(
    by: TeamsUser,
    members: Array<TeamsUser | TeamsBot>,
    options: ActivityOptions = {},
  ) {
    return {
      ...this.event('conversationUpdate', by, options),
      membersRemoved: members.map((m) =>
        'aadObjectId' in m ? { id: m.id, aadObjectId: m.aadObjectId } : { id: m.id },
      ),
      conversation: this.channelConversation(this.fx.team.id, this.fx.team.general),
      channelData: {
        team: this.teamInfo(),
        eventType: 'teamMemberRemoved',
        tenant: { id: this.fx.tenantId },
      },
    };
  }

  /** A person installed the app for themselves: the bot and the person join the 1:1 chat. */
  botAddedToPersonalChat(user: TeamsUser, options: ActivityOptions = {}) {
    return {
      ...this.event('conversationUpdate', user, options),
      membersAdded: [{ id: this.fx.bot.id }, { id: user.id, aadObjectId: user.aadObjectId }],
      conversation: this.personalConversation(user),
      channelData: { tenant: { id: this.fx.tenantId } },
    };
  }

  /** installationUpdate, which Teams sends beside conversationUpdate on (un)install. */
  installationUpdate(
    by: TeamsUser,
    action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade',
    scope: 'personal' | 'team',
    options: ActivityOptions = {},
  ) {
    const general = this.fx.team.general;
    const where =
      scope === 'personal'
        ? {
            conversation: this.personalConversation(by),
            channelData: { tenant: { id: this.fx.tenantId } },
          }
        : {
            conversation: this.channelConversation(general.id, general),
            channelData: {
              settings: { selectedChannel: { id: general.id } },
              channel: { id: general.id },
              team: this.teamInfo(),
              tenant: { id: this.fx.tenantId },
              source: { name: 'message' },
            },
          };
    return {
      ...this.event('installationUpdate', by, options),
      ...where,
      locale: options.locale ?? 'en-US',
      entities: [{ type: 'clientInfo', locale: options.locale ?? 'en-US' }],
      action,
    };
  }

  /**
   * An Action.Execute press on a card the bot sent (`replyToId`): the invoke Teams makes, which
   * the bot must answer in the HTTP response.
   */
  cardAction(
    from: TeamsUser,
    action: { verb: string; data?: Record<string, unknown>; replyToId: string; id?: string },
    place: Place = { in: 'personal' },
    options: ActivityOptions = {},
  ) {
    const at = options.timestamp ?? new Date();
    const { conversation, channelData } = this.place(from, place, action.replyToId);
    return {
      ...this.base(from, at, options.id ?? eventId(), options),
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversation,
      channelData: { ...channelData, source: { name: 'message' } },
      replyToId: action.replyToId,
      value: {
        action: {
          type: 'Action.Execute',
          ...(action.id && { id: action.id }),
          verb: action.verb,
          data: action.data ?? {},
        },
        trigger: 'manual',
      },
    };
  }

  /**
   * An Action.Submit press: Teams sends a message with no text whose `value` is the button's
   * data (merged with the card's inputs), replying to the card's message.
   */
  cardSubmit(
    from: TeamsUser,
    submit: { data: Record<string, unknown>; replyToId: string },
    place: Place = { in: 'personal' },
    options: ActivityOptions = {},
  ) {
    const at = options.timestamp ?? new Date();
    const { conversation, channelData } = this.place(from, place, submit.replyToId);
    return {
      // Card submits carry 'f:' and a 64-bit number, as in Microsoft's messageBack sample.
      ...this.base(from, at, options.id ?? `f:${randomBytes(8).readBigUInt64BE()}`, options),
      type: 'message',
      textFormat: 'plain',
      conversation,
      channelData: {
        ...channelData,
        source: { name: 'message' },
        legacy: { replyToId: `1:${randomUUID().replace(/-/g, '')}` },
      },
      replyToId: submit.replyToId,
      value: submit.data,
    };
  }

  private message(
    from: TeamsUser,
    text: MessageText,
    place: Place,
    options: ActivityOptions,
    mentionBot: boolean,
  ) {
    const at = options.timestamp ?? new Date();
    const id = options.id ?? messageId(at);
    const parts = typeof text === 'string' ? [text] : [...text];
    if (mentionBot && !parts.some((p) => typeof p !== 'string' && p.id === this.fx.bot.id))
      parts.unshift(this.fx.bot, ' ');
    const mentioned = parts.filter((p): p is TeamsUser | TeamsBot => typeof p !== 'string');
    const plain = parts.map((p) => (typeof p === 'string' ? p : `<at>${p.name}</at>`)).join('');
    let n = 0;
    const html = parts
      .map((p) =>
        typeof p === 'string'
          ? escapeHtml(p).replace(/ /g, '&nbsp;')
          : `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="${n++}">${escapeHtml(p.name)}</span>`,
      )
      .join('');
    const { conversation, channelData } = this.place(from, place, id);
    return {
      ...this.base(from, at, id, options),
      type: 'message',
      textFormat: 'plain',
      // Teams ends the text of channel and chat posts with the newline its HTML ended with.
      text: place.in === 'personal' ? plain : `${plain}\n`,
      attachments: [{ contentType: 'text/html', content: `<div><div>${html}</div>\n</div>` }],
      conversation,
      entities: [
        ...mentioned.map((m) => ({
          type: 'mention',
          text: `<at>${m.name}</at>`,
          mentioned: { id: m.id, name: m.name },
        })),
        this.clientInfo(from, options),
      ],
      channelData,
    };
  }

  /** The fields every activity a person causes carries. */
  private base(from: TeamsUser, at: Date, id: string, options: ActivityOptions) {
    const timezone = options.timezone ?? from.timezone;
    return {
      id,
      timestamp: at.toISOString(),
      localTimestamp: DateTime.fromJSDate(at, { zone: timezone }).toISO(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { id: this.fx.bot.id, name: this.fx.bot.name },
      entities: [this.clientInfo(from, options)],
      locale: options.locale ?? 'en-US',
      localTimezone: timezone,
    };
  }

  /** conversationUpdate and installationUpdate: no text, and `from` without a name. */
  private event(type: string, by: TeamsUser, options: ActivityOptions) {
    const at = options.timestamp ?? new Date();
    return {
      type,
      id: options.id ?? eventId(),
      timestamp: at.toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: by.id, aadObjectId: by.aadObjectId },
      recipient: { id: this.fx.bot.id, name: this.fx.bot.name },
    };
  }

  private clientInfo(from: TeamsUser, options: ActivityOptions) {
    return {
      type: 'clientInfo',
      locale: options.locale ?? 'en-US',
      country: 'US',
      platform: 'Web',
      timezone: options.timezone ?? from.timezone,
    };
  }

  /** The conversation and channelData of a place; `rootId` starts the thread of a new post. */
  private place(from: TeamsUser, place: Place, rootId: string) {
    const tenant = { id: this.fx.tenantId };
    switch (place.in) {
      case 'personal':
        return { conversation: this.personalConversation(from), channelData: { tenant } };
      case 'groupChat':
        return {
          conversation: {
            isGroup: true,
            conversationType: 'groupChat',
            tenantId: this.fx.tenantId,
            id: this.fx.groupChat.id,
          },
          channelData: { tenant },
        };
      case 'channel': {
        const channel = place.channel ?? this.fx.team.general;
        return {
          conversation: {
            isGroup: true,
            conversationType: 'channel',
            tenantId: this.fx.tenantId,
            id: `${channel.id};messageid=${place.thread ?? rootId}`,
          },
          channelData: {
            teamsChannelId: channel.id,
            teamsTeamId: this.fx.team.id,
            channel: { id: channel.id },
            team: { id: this.fx.team.id },
            tenant,
          },
        };
      }
    }
  }

  private personalConversation(user: TeamsUser) {
    return {
      conversationType: 'personal',
      tenantId: this.fx.tenantId,
      id: personalConversationId(user.id),
    };
  }

  private channelConversation(id: string, channel: TeamsChannel) {
    return {
      isGroup: true,
      conversationType: 'channel',
      tenantId: this.fx.tenantId,
      id,
      ...(channel.name && { name: channel.name }),
    };
  }

  private teamInfo() {
    const { id, name, aadGroupId } = this.fx.team;
    return { aadGroupId, name, id };
  }
}
