import type { Member, Platform } from './domain/member';
import type { RelationshipKind } from './domain/relationship-kind';
import type { PairStrength } from './domain/network';
import type { InteractionEvent } from './domain/relationships';
import type {
  IntroductionRepository,
  MemberSuggestionRepository,
  ReminderRepository,
  SuggestionSnoozeRepository,
  WelcomeRepository,
} from './relationship-ports';

export type * from './relationship-ports';
export type * from './member-data-ports';
import type { MemberDataRepository } from './member-data-ports';
import type { DeliveryTarget, NewDelivery, OutboundMessage } from './domain/outbound';
import type { RoundChannel, RoundChannelSettings } from './domain/rounds';
import type { KudosSettings, WeeklyHabit } from './domain/settings';
import type {
  ChannelWeeks,
  DepartmentFigures,
  DepartmentLink,
  KudosFigures,
  ReachFigures,
} from './domain/insights-rules';
import type { InsightsHeadline, InsightWeeks } from './domain/insights';

export interface Clock {
  now(): Date;
}

export interface WorkspaceSettings {
  workspaceId: string;
  kudosChannelId: string | null;
  kudosValues: string[];
  dailyKudosLimit: number;
  /** The zone schedules run in: the admin's choice, else where most members are, else UTC. */
  timezone: string;
  /** True when an admin chose the timezone. */
  timezoneChosen: boolean;
  /** The directory attribute that names departments (a Slack profile field id); null if none. */
  departmentField: string | null;
  kudosPrompt: WeeklyHabit;
  kudosDigest: WeeklyHabit;
  /** Days after a round's "we met" for an automatic follow-up; 0: none. */
  followupAfterMetDays: number;
  /** New members' welcome with introductions, and how many days after they join. */
  welcome: { enabled: boolean; delayDays: number };
  /** Days who met whom and rounds' history are kept. */
  historyDays: number;
  /** Insights merge departments with fewer members than this. */
  minDepartmentSize: number;
}

export interface KudosRecord {
  id: string;
  giverId: string;
  recipientIds: string[];
  message: string;
  values: string[];
  channelId: string | null;
  sourceKey: string;
  createdAt: Date;
}

export type NewKudos = Omit<KudosRecord, 'id' | 'createdAt'> & { createdAt: Date };

export interface NewInteraction {
  memberId: string;
  otherMemberId: string;
  kind: RelationshipKind;
  source: string;
  sourceRef: string;
  occurredAt: Date;
}

export interface MemberRepository {
  find(workspaceId: string, userId: string): Promise<Member | null>;
  findMany(workspaceId: string, userIds: string[]): Promise<Member[]>;
  /** Everyone in the workspace's directory, bots and the deactivated included. */
  all(workspaceId: string): Promise<Member[]>;
  /** Active colleagues of a member, other departments first: the people examples name. */
  examples(workspaceId: string, userId: string, limit: number): Promise<Member[]>;
  /**
   * Loads the member and holds a lock on them until the transaction ends. The lock excludes
   * other holders of it, never someone recording something that names the member (a kudos or
   * an interaction to them): two people thanking each other at once must not deadlock.
   */
  lockForUpdate(workspaceId: string, userId: string): Promise<Member | null>;
  /** Sets the department a member chose themselves, creating it if new; returns its stored name. */
  setOwnDepartment(workspaceId: string, userId: string, department: string): Promise<string>;
  setOptedOut(workspaceId: string, userId: string, optedOut: boolean): Promise<void>;
  /** Pauses everything Rapport sends a member until `until` (null: resume now). */
  setPausedUntil(workspaceId: string, userId: string, until: Date | null): Promise<void>;
  setNudges(workspaceId: string, userId: string, nudges: Member['nudges']): Promise<void>;
  setSuggestions(workspaceId: string, userId: string, on: boolean): Promise<void>;
  /** Makes someone an admin in Rapport, or takes it back (the platform's admins stay). */
  setAdminGranted(workspaceId: string, userId: string, granted: boolean): Promise<void>;
}

export interface SettingsRepository {
  get(workspaceId: string): Promise<WorkspaceSettings>;
  saveKudosSettings(workspaceId: string, settings: KudosSettings): Promise<void>;
}

export interface KudosRepository {
  findBySourceKey(workspaceId: string, sourceKey: string): Promise<KudosRecord | null>;
  countRecipientsGivenSince(workspaceId: string, giverId: string, since: Date): Promise<number>;
  /** Returns null when a kudos with the same source key already exists. */
  insert(workspaceId: string, kudos: NewKudos): Promise<KudosRecord | null>;
  countGiven(workspaceId: string, userId: string): Promise<number>;
  countReceived(workspaceId: string, userId: string): Promise<number>;
  /** The latest kudos a member gave and received, newest first. */
  recent(
    workspaceId: string,
    userId: string,
    limit: number,
  ): Promise<{ given: KudosRecord[]; received: KudosRecord[] }>;
  /** Every kudos given in [from, to), oldest first. */
  between(workspaceId: string, from: Date, to: Date): Promise<KudosWithDepartments[]>;
}

/** A kudos with the departments of the people in it, for weekly summaries. */
export interface KudosWithDepartments extends KudosRecord {
  giverDepartment: string | null;
  recipientDepartments: Array<string | null>;
}

export interface InteractionRepository {
  /** Returns how many were new: one with the same source, reference and pair exists once. */
  insertMany(workspaceId: string, interactions: NewInteraction[]): Promise<number>;
  /** Every interaction a member took part in, either way, as they see it. */
  eventsOf(workspaceId: string, userId: string): Promise<InteractionEvent[]>;
  /** When a member last interacted with each of these people (either way); absent: never. */
  lastWith(workspaceId: string, userId: string, otherIds: string[]): Promise<Map<string, Date>>;
  /**
   * Each pair's strength at `now` by the core's rule (weights, half-life) and its last
   * interaction: for the whole workspace, or only for `around` and the people they know.
   */
  pairStrengths(
    workspaceId: string,
    now: Date,
    rule: StrengthRule,
    around?: string,
  ): Promise<PairStrength[]>;
}

/** How interactions add up, as the core defines it. */
export interface StrengthRule {
  weights: Record<string, number>;
  halfLifeDays: number;
}

export interface MentorshipRepository {
  /** Records that `mentorId` mentors `menteeId`; false if it was already so. */
  declare(
    workspaceId: string,
    mentorship: { mentorId: string; menteeId: string; declaredBy: string; at: Date },
  ): Promise<boolean>;
  /** Ends a mentorship between two people, whichever way round; false if there was none. */
  remove(workspaceId: string, a: string, b: string): Promise<boolean>;
  /** Everyone in a mentorship with this member, either way. */
  partnersOf(workspaceId: string, userId: string): Promise<Set<string>>;
}

/** The outbound queue: what is enqueued here is sent later, once, paced, by the workers. */
export interface DeliveryQueue {
  /** Returns how many were new: a delivery whose dedupe key exists already is not added again. */
  enqueue(workspaceId: string, deliveries: NewDelivery[]): Promise<number>;
}

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'skipped' | 'dead';

/** What happened to the workspace's deliveries since a moment: for admins. */
export interface DeliveryReport {
  since: Date;
  counts: Record<DeliveryState, number>;
  /** The latest deliveries given up on, newest first. */
  failures: Array<{
    at: Date;
    target: DeliveryTarget;
    kind: OutboundMessage['kind'];
    reason: string;
  }>;
}

/** Where one delivery stands, and who it is (or was) for. */
export interface DeliveryRecord {
  status: DeliveryState;
  /** Why it was not sent (skipped, failed); null once sent. */
  reason: string | null;
  /** Its recipients now: fewer than queued when some of a group could no longer be reached. */
  recipients: string[];
}

export interface DeliveryLog {
  /** When the workspace's next waiting delivery is due; null when nothing waits. */
  nextDue(workspaceId: string): Promise<Date | null>;
  report(workspaceId: string, since: Date, limit: number): Promise<DeliveryReport>;
  /** Where each of these deliveries stands, by dedupe key; missing keys were never queued. */
  byKeys(workspaceId: string, keys: string[]): Promise<Map<string, DeliveryRecord>>;
}

export type CheckinResponse = 'met' | 'not_yet' | 'skip';

export interface RoundParticipant {
  userId: string;
  status: 'in' | 'out';
  /** Why someone is out who did not leave themselves ('quiet': three silent check-ins). */
  outReason: string | null;
  skipNext: boolean;
  quietRounds: number;
}

export interface RoundGroupState {
  id: string;
  position: number;
  members: Array<{ userId: string; response: CheckinResponse | null }>;
  outcome: CheckinResponse | null;
}

export interface RoundRecord {
  id: string;
  roundChannelId: string;
  slot: Date;
  checkinAt: Date;
  groups: RoundGroupState[];
  absences: Array<{ userId: string; reason: string }>;
  /** Department pairs the groups brought together; null for rounds recorded before it was kept. */
  departmentPairs: number | null;
  /** The most department pairs one round of its people could have; null as above. */
  departmentPairsBound: number | null;
}

export interface NewRound {
  roundChannelId: string;
  slot: Date;
  checkinAt: Date;
  createdAt: Date;
  groups: string[][];
  absences: Array<{ userId: string; reason: string }>;
  /** Left out where a round is recorded without matching (seeded history): stored as null. */
  departmentPairs?: number;
  departmentPairsBound?: number;
}

export interface RoundRepository {
  channels(workspaceId: string): Promise<RoundChannel[]>;
  channel(workspaceId: string, channelId: string): Promise<RoundChannel | null>;
  channelById(workspaceId: string, id: string): Promise<RoundChannel | null>;
  saveChannel(workspaceId: string, settings: RoundChannelSettings): Promise<RoundChannel>;
  participants(roundChannelId: string): Promise<RoundParticipant[]>;
  /** Creates or changes a person's place in a round channel. */
  setParticipant(
    workspaceId: string,
    roundChannelId: string,
    userId: string,
    change: Partial<Omit<RoundParticipant, 'userId'>>,
  ): Promise<void>;
  /** Sets many people's count of silent rounds at once (a big round has thousands). */
  setQuietRounds(
    workspaceId: string,
    roundChannelId: string,
    counts: Array<{ userId: string; quietRounds: number }>,
  ): Promise<void>;
  /** Every group in the workspace's rounds since `since`, any channel. */
  history(workspaceId: string, since: Date): Promise<Array<{ members: string[]; at: Date }>>;
  /** When each person last sat out in this channel. */
  lastSatOut(roundChannelId: string): Promise<Map<string, Date>>;
  /** Null when this channel already has a round for the slot. Group ids in position order. */
  createRound(
    workspaceId: string,
    round: NewRound,
  ): Promise<{ id: string; groupIds: string[] } | null>;
  /** The channel's latest round before `before` (or at all). */
  latestRound(roundChannelId: string, before?: Date): Promise<RoundRecord | null>;
  /** A group, locked until the transaction ends, with its round channel. */
  lockGroup(
    workspaceId: string,
    groupId: string,
  ): Promise<(RoundGroupState & { roundChannelId: string; slot: Date }) | null>;
  respond(
    workspaceId: string,
    groupId: string,
    userId: string,
    response: CheckinResponse,
    at: Date,
  ): Promise<void>;
  setOutcome(groupId: string, outcome: CheckinResponse, at: Date): Promise<void>;
}

/** A period insights count over: both ends included. */
export interface Period {
  from: Date;
  to: Date;
}

/** Strength as `StrengthRule` adds it up, and the strength a meaningful relationship reaches. */
export interface MeaningfulRule extends StrengthRule {
  /** Reached when the strength, rounded to two decimals, is at least this (isMeaningful). */
  threshold: number;
}

/**
 * The workspace-wide counts behind /rapport insights, each by a few grouped queries over
 * counted members (see domain/insights-rules.ts), never one query per member.
 */
export interface InsightsRepository {
  /** Counted members by today's department, and how many have none. */
  departments(workspaceId: string): Promise<DepartmentFigures>;
  /** Cross-department relationships that had an interaction in the period, by department pair. */
  links(workspaceId: string, period: Period, rule: MeaningfulRule): Promise<DepartmentLink[]>;
  /** Who with a department had a cross-department relationship at the period's start and end. */
  reach(workspaceId: string, period: Period): Promise<ReachFigures>;
  /** Kudos created in the period: by value, by department, and how many crossed departments. */
  kudos(workspaceId: string, period: Period): Promise<KudosFigures>;
  /** Each round channel's rounds whose slot is in the period, people counted per round. */
  rounds(workspaceId: string, period: Period): Promise<ChannelWeeks[]>;
  /** Keeps the headline an admin's Home shows, worked out at `at`. */
  saveHeadline(workspaceId: string, headline: InsightsHeadline, at: Date): Promise<void>;
  headline(
    workspaceId: string,
    weeks: InsightWeeks,
  ): Promise<{ headline: InsightsHeadline; computedAt: Date } | null>;
}

export interface WorkspaceRepository {
  /** The chat platform a workspace is on. */
  platformOf(workspaceId: string): Promise<Platform>;
}

export interface Repositories {
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  settings: SettingsRepository;
  kudos: KudosRepository;
  interactions: InteractionRepository;
  deliveries: DeliveryQueue;
  deliveryLog: DeliveryLog;
  rounds: RoundRepository;
  mentorships: MentorshipRepository;
  reminders: ReminderRepository;
  introductions: IntroductionRepository;
  suggestionSnoozes: SuggestionSnoozeRepository;
  memberSuggestions: MemberSuggestionRepository;
  welcomes: WelcomeRepository;
  memberData: MemberDataRepository;
  insights: InsightsRepository;
}

/** Runs `work` in one transaction: everything it writes lands together or not at all. */
export type UnitOfWork = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;
