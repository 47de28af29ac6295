import type { KudosDigest } from './digest';
import { isForgottenId, workingHoursOf, type Member, type Platform } from './member';
import { nextWorkingMoment } from './schedule';

/**
 * What Rapport says, without saying how: each adapter renders these in its own platform's
 * format (Block Kit, Adaptive Cards, plain text) when the delivery is sent.
 */
export interface IntroMember {
  userId: string;
  name: string;
  department: string | null;
  title: string | null;
}

/** Someone a member could be introduced to, and who they both know. */
export interface SuggestedPerson {
  userId: string;
  department: string | null;
  mutualId: string | null;
  mutualCount: number;
}

export type OutboundMessage =
  | { kind: 'kudos_prompt'; values: string[] }
  | { kind: 'kudos_digest'; digest: KudosDigest }
  | {
      kind: 'round_summary';
      roundChannelId: string;
      channelId: string;
      people: number;
      groups: number;
      crossDepartment: number;
      departments: number;
      optIn: boolean;
    }
  | {
      kind: 'round_intro';
      channelId: string;
      members: IntroMember[];
      starter: string;
      /** When every member is at work on the round's day (ISO instants); null if never. */
      sharedHours: { start: string; end: string } | null;
      /** Sent to each member alone (the platform cannot open a group chat): offer one. */
      toEach?: boolean;
    }
  | { kind: 'round_checkin'; groupId: string; channelId: string }
  | { kind: 'round_sat_out'; channelId: string; reason: 'odd_one_out' | 'alone' }
  | { kind: 'round_paused'; channelId: string; quietRounds: number }
  | {
      kind: 'followup_reminder';
      reminderId: string;
      /** The reminder's version when queued: a snooze since makes this message stale. */
      version: number;
      otherId: string;
      about: string | null;
      origin: 'manual' | 'round';
      /** When the reminder was set (or the group met). */
      since: string;
    }
  | {
      kind: 'weekly_network';
      /** When the names were chosen: anyone interacted with since is left out when sent. */
      asOf: string;
      cold: Array<{ userId: string; lastAt: string }>;
      suggestions: SuggestedPerson[];
    }
  | {
      kind: 'intro_request';
      introductionId: string;
      requester: IntroMember;
      /** Someone both know, whom the requester would like to join. */
      mutualId: string | null;
    }
  | { kind: 'intro_mutual_request'; introductionId: string; requesterId: string; targetId: string }
  | {
      kind: 'intro_opened';
      members: IntroMember[];
      mutualId: string | null;
      /** Sent to each person alone (the platform cannot open a group chat): offer one. */
      toEach?: boolean;
    }
  | {
      kind: 'welcome';
      /** People to meet in the new member's own department, then across departments. */
      ownDepartment: SuggestedPerson[];
      acrossDepartments: SuggestedPerson[];
    }
  | {
      kind: 'kudos_post';
      kudosId: string;
      giverId: string;
      recipientIds: string[];
      message: string;
      values: string[];
    }
  | {
      kind: 'kudos_received';
      kudosId: string;
      giverId: string;
      message: string;
      /** Where the kudos is celebrated, if anywhere. */
      channelId: string | null;
    }
  | {
      kind: 'mentorship_declared';
      declarerId: string;
      /** True: the declarer mentors the reader; false: the reader mentors the declarer. */
      declarerIsMentor: boolean;
    }
  /** A celebration could not be posted in its channel: the giver is told where it failed. */
  | { kind: 'kudos_post_failed'; kudosId: string; channelId: string }
  /** The person asked said no: the asker hears only that it is not possible now. */
  | { kind: 'intro_declined' }
  /** Plain words queued by an earlier release; nothing new is queued as text. */
  | { kind: 'text'; text: string };

/** Where a delivery goes: a person's DM with Rapport, a channel, or a group DM. */
export type DeliveryTarget =
  | { type: 'member'; userId: string }
  | { type: 'channel'; channelId: string }
  | { type: 'group'; userIds: string[] };

export interface NewDelivery {
  /** Unique per workspace: enqueuing the same key again adds nothing. */
  dedupeKey: string;
  target: DeliveryTarget;
  message: OutboundMessage;
  /** Not sent before this moment (a person's working hours). */
  availableAt: Date;
}

/** The members whose state is checked again just before a delivery is sent. */
export function recipientsOf(target: DeliveryTarget): string[] {
  if (target.type === 'member') return [target.userId];
  if (target.type === 'group') return [...target.userIds];
  return [];
}

/**
 * A group message for fewer people: some of the group can no longer be reached (paused,
 * deactivated, opted out) by the time it is sent. The rest still get it, as long as at least
 * two are left to talk to each other; null when they are not.
 */
export function narrowGroup(
  target: DeliveryTarget,
  message: OutboundMessage,
  unreachable: ReadonlySet<string>,
): { target: DeliveryTarget; message: OutboundMessage } | null {
  if (target.type !== 'group') return null;
  const userIds = target.userIds.filter((id) => !unreachable.has(id));
  if (userIds.length < 2) return null;
  return {
    target: { type: 'group', userIds },
    message:
      message.kind === 'round_intro'
        ? { ...message, members: message.members.filter((m) => !unreachable.has(m.userId)) }
        : message,
  };
}

/**
 * A message to one person, held until their working hours: a reminder queued at 22:00 their
 * time goes out at the start of their next working day.
 */
export function toMember(
  member: Pick<Member, 'userId' | 'timezone' | 'workingHours'>,
  dedupeKey: string,
  message: OutboundMessage,
  now: Date,
): NewDelivery {
  return {
    dedupeKey,
    target: { type: 'member', userId: member.userId },
    message,
    availableAt: nextWorkingMoment(now, workingHoursOf(member)),
  };
}

/**
 * Who should hear that a delivery was given up, and what: a giver whose celebration could not
 * be posted (Rapport not in the channel, the channel archived) is told, so that the kudos
 * is not silently left unposted. Null for every other message.
 */
export function noticeOfFailure(
  dedupeKey: string,
  target: DeliveryTarget,
  message: OutboundMessage,
): { userId: string; dedupeKey: string; message: OutboundMessage } | null {
  if (message.kind !== 'kudos_post' || target.type !== 'channel') return null;
  // A giver who asked to be forgotten is nobody to tell.
  if (isForgottenId(message.giverId)) return null;
  return {
    userId: message.giverId,
    dedupeKey: `${dedupeKey}:failed`,
    message: { kind: 'kudos_post_failed', kudosId: message.kudosId, channelId: target.channelId },
  };
}

/**
 * How a platform reaches a group of people: in one group conversation the bot opens (Slack's
 * group DM), or each of them alone, because a bot cannot open a group chat (Teams): then each
 * gets the message with a way to start the chat themselves.
 */
export type GroupReach = 'conversation' | 'each';

export const GROUP_REACH: Record<Platform, GroupReach> = {
  slack: 'conversation',
  local: 'conversation',
  teams: 'each',
};

/** A message for a group, as the platform can deliver it: one delivery, or one per person. */
export function toGroup(
  reach: GroupReach,
  delivery: NewDelivery & { target: { type: 'group'; userIds: string[] } },
): NewDelivery[] {
  if (reach === 'conversation') return [delivery];
  const message =
    delivery.message.kind === 'round_intro' || delivery.message.kind === 'intro_opened'
      ? { ...delivery.message, toEach: true }
      : delivery.message;
  return delivery.target.userIds.map((userId) => ({
    dedupeKey: `${delivery.dedupeKey}:${userId}`,
    target: { type: 'member', userId },
    message,
    availableAt: delivery.availableAt,
  }));
}
