/** The repository behind a member's data rights: what is stored about them, and forgetting it. */
import type { Member } from './domain/member';
import type { DeliveryTarget, OutboundMessage } from './domain/outbound';
import type { CheckinResponse, DeliveryState, KudosRecord } from './ports';
import type { Introduction, Reminder } from './relationship-ports';

/**
 * Every record that names a member, read for their export. Other people's private records
 * that name them (a follow-up someone set with them, a suggestion someone set aside) are only
 * counted: their contents are the other person's.
 */
export interface MemberRecords {
  member: Member & { departmentSource: 'directory' | 'member'; updatedAt: Date };
  /** How Teams addresses them, and their personal chats with Rapport (none on other platforms). */
  teamsAccount: { teamsId: string; upn: string | null; email: string | null } | null;
  personalChats: Array<{ conversationId: string; since: Date }>;
  /** Files Rapport handed them by link (Teams) that can still be downloaded. */
  fileLinks: Array<{ filename: string; until: Date }>;
  kudosGiven: KudosRecord[];
  kudosReceived: KudosRecord[];
  /** Either way round; `recordedFor` tells which side of the record the member is. */
  interactions: Array<{
    otherId: string;
    kind: string;
    source: string;
    at: Date;
    /** 'member': the record is theirs (their follow-up marked done, a kudos they gave). */
    recordedFor: 'member' | 'other';
  }>;
  /** Their own follow-ups. */
  reminders: Reminder[];
  introductions: Introduction[];
  mentorships: Array<{ mentorId: string; menteeId: string; declaredBy: string; at: Date }>;
  roundChannels: Array<{
    channelId: string;
    status: 'in' | 'out';
    outReason: string | null;
    skipNext: boolean;
    quietRounds: number;
    updatedAt: Date;
  }>;
  roundGroups: Array<{
    channelId: string;
    slot: Date;
    /** The others in the group. */
    withIds: string[];
    response: CheckinResponse | null;
    respondedAt: Date | null;
    outcome: CheckinResponse | null;
  }>;
  roundAbsences: Array<{ channelId: string; slot: Date; reason: string }>;
  /** People the member set aside from their suggestions ("not now"). */
  snoozes: Array<{ otherId: string; until: Date }>;
  /** Their people to meet as last worked out (checked again before they are shown). */
  suggestions: { computedAt: Date; userIds: string[] } | null;
  welcome: { joinedAt: Date; dueAt: Date; queuedAt: Date | null } | null;
  /** Messages Rapport sent, or will send, to them (alone or in a group). */
  deliveries: Array<{
    kind: OutboundMessage['kind'];
    status: DeliveryState;
    queuedAt: Date;
    finishedAt: Date | null;
  }>;
  /** Other people's records that name the member: how many, never what they hold. */
  othersRecords: {
    followups: number;
    snoozes: number;
    /** Others' people to meet, as last worked out, that name the member (to meet, or known to both). */
    suggestions: number;
    /** People whose manager the directory says the member is. */
    reports: number;
    /** Messages to other people or channels that name the member. */
    deliveries: number;
  };
}

/** A message not sent yet that names the member. */
export interface WaitingDelivery {
  id: string;
  target: DeliveryTarget;
  message: OutboundMessage;
}

/** What forgetting a member deleted (and kept), by kind. */
export interface ForgetCounts {
  /** Their directory entry and settings: 1, or 0 if it was already gone. */
  profile: number;
  interactions: number;
  /** Their follow-ups, and others' follow-ups with them. */
  followups: number;
  introductions: number;
  mentorships: number;
  /** Round channels they took part in, groups they were in, rounds they sat out. */
  roundRecords: number;
  /** Kudos they received (taken off each kudos; one left with nobody thanked is deleted). */
  kudosReceived: number;
  /** Kudos they gave: kept for the people thanked, from "a former colleague". */
  kudosGivenKept: number;
  /** Messages to or about them, sent or waiting. */
  messages: number;
  snoozes: number;
  welcome: number;
  /** How the platform addresses them, and their chats with Rapport. */
  platformRecords: number;
  /** Files kept for them to download (an export, insights), whose links have not expired. */
  files: number;
}

export interface MemberDataRepository {
  collect(workspaceId: string, userId: string): Promise<MemberRecords | null>;
  /** Deliveries not sent yet (waiting, or being sent) that name the member. */
  waitingDeliveriesNaming(workspaceId: string, userId: string): Promise<WaitingDelivery[]>;
  rewriteDelivery(workspaceId: string, delivery: WaitingDelivery): Promise<void>;
  /**
   * Deletes everything stored about the member, keeps the kudos they gave under
   * FORGOTTEN_GIVER, and keeps only a one-way hash of their id so that no directory sync
   * adds them back. Messages that still name them (sent, or not rewritten) are deleted.
   */
  erase(
    workspaceId: string,
    member: { userId: string; name: string; mentionedAs: string },
    at: Date,
  ): Promise<ForgetCounts>;
  isForgotten(workspaceId: string, userId: string): Promise<boolean>;
  /** A forgotten person starts again as new; false if they were not forgotten. */
  unforget(workspaceId: string, userId: string): Promise<boolean>;
}
