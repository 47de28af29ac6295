import type { Member } from './domain/member';
import type { RelationshipKind } from './domain/relationship-kind';
import type { DeliveryTarget, NewDelivery, OutboundMessage } from './domain/outbound';
import type { KudosSettings, WeeklyHabit } from './domain/settings';

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

/** One person someone has interacted with, and how they relate now. */
export interface Counterpart {
  userId: string;
  kind: RelationshipKind;
  departmentName: string | null;
  interactions: number;
  lastInteractionAt: Date;
}

export interface MemberRepository {
  find(workspaceId: string, userId: string): Promise<Member | null>;
  findMany(workspaceId: string, userIds: string[]): Promise<Member[]>;
  /** Loads the member and holds a row lock until the transaction ends. */
  lockForUpdate(workspaceId: string, userId: string): Promise<Member | null>;
  /** Sets the department a member chose themselves, creating it if new; returns its stored name. */
  setOwnDepartment(workspaceId: string, userId: string, department: string): Promise<string>;
  setOptedOut(workspaceId: string, userId: string, optedOut: boolean): Promise<void>;
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
  insertMany(workspaceId: string, interactions: NewInteraction[]): Promise<void>;
  counterparts(workspaceId: string, userId: string): Promise<Counterpart[]>;
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

export interface DeliveryLog {
  report(workspaceId: string, since: Date, limit: number): Promise<DeliveryReport>;
}

export interface Repositories {
  members: MemberRepository;
  settings: SettingsRepository;
  kudos: KudosRepository;
  interactions: InteractionRepository;
  deliveries: DeliveryQueue;
  deliveryLog: DeliveryLog;
}

/** Runs `work` in one transaction: everything it writes lands together or not at all. */
export type UnitOfWork = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;
